/** What time it is: passed in rather than read, so tests and the playground can move it. */
export type Clock = () => Date;

// The regulation (Order No. 114-НҚ of 29.04.2026) as pure functions: no I/O, and
// "now" or "today" always comes in as a parameter. "Item N" in a comment anywhere in the
// code is item N of docs/RULES.md, which links the official text.
export * from "./amending-order.js";
export * from "./cohort.js";
export * from "./dates.js";
export * from "./deadlines.js";
export * from "./due-date.js";
export * from "./iin.js";
export * from "./list-years.js";
export * from "./next-year-list.js";
export * from "./order.js";
export * from "./retest.js";
export * from "./test-date.js";
export * from "./transfer.js";

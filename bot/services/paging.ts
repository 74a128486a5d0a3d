// A page of a list counted on the server: the page asked for, or the last one when
// the list has shrunk since the button was made (someone joined, was added, left).

export interface Counted<T> {
  total: number;
  items: T[];
}

export interface PageOf<T> extends Counted<T> {
  page: number;
  pageCount: number;
}

/** Loads page `asked` of `size` rows, falling back to the last page there is. */
export async function loadPage<T>(
  load: (range: { offset: number; limit: number }) => Promise<Counted<T>>,
  asked: number,
  size: number,
): Promise<PageOf<T>> {
  const at = (page: number) => load({ offset: page * size, limit: size });
  let found = await at(asked);
  const pageCount = Math.max(1, Math.ceil(found.total / size));
  const page = Math.min(asked, pageCount - 1);
  if (page !== asked) found = await at(page);
  return { ...found, page, pageCount };
}

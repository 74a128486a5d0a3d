// A page of a list the database counts: the page asked for, or the last one when
// the list shrank since the button was made.
export interface LoadedPage<T> {
  total: number;
  items: T[];
  page: number;
  pageCount: number;
}

export async function loadPage<T>(
  requested: number,
  size: number,
  load: (window: { offset: number; limit: number }) => Promise<{ total: number; items: T[] }>,
): Promise<LoadedPage<T>> {
  let list = await load({ offset: requested * size, limit: size });
  const pageCount = Math.max(1, Math.ceil(list.total / size));
  const page = Math.min(requested, pageCount - 1);
  if (page !== requested) list = await load({ offset: page * size, limit: size });
  return { ...list, page, pageCount };
}

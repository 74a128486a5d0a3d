// A page of a list counted on the server: the page asked for, or the last one when
// the list has shrunk since the button was made (someone joined, was added, left).
import type { SelectQueryBuilder } from "kysely";

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

/**
 * How many rows a query selects in all, and the rows of one range of it in `ordered`
 * (the same query with its columns and order), read at the same time. Every list
 * counted on the server reads its page this way.
 */
export async function countedRange<DB, TB extends keyof DB, R>(
  all: SelectQueryBuilder<DB, TB, object>,
  ordered: { offset(n: number): { limit(n: number): { execute(): Promise<R[]> } } },
  range: { offset: number; limit: number },
): Promise<{ total: number; rows: R[] }> {
  const [count, rows] = await Promise.all([
    // Kysely cannot name the counted column through a query of any tables: it is "n".
    all.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow() as Promise<{
      n: unknown;
    }>,
    ordered.offset(range.offset).limit(range.limit).execute(),
  ]);
  return { total: Number(count.n), rows };
}

/** Which column a table is sorted by, and which way; null keeps the rows as given. */
export type SortState = { key: string; dir: "asc" | "desc" } | null;

/** Rows ordered by one column's sort values; missing values last either way; ties keep their order. */
export function sortRows<R extends { sort?: Record<string, string | number | null | undefined> }>(rows: R[], sort: SortState): R[] {
  if (!sort) return rows;
  const factor = sort.dir === "asc" ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: row.sort?.[sort.key] }))
    .sort((a, b) => {
      const missingA = a.value === null || a.value === undefined;
      const missingB = b.value === null || b.value === undefined;
      if (missingA || missingB) return missingA === missingB ? a.index - b.index : missingA ? 1 : -1;
      const order = typeof a.value === "number" && typeof b.value === "number" ? a.value - b.value : String(a.value).localeCompare(String(b.value), "en", { numeric: true });
      return order * factor || a.index - b.index;
    })
    .map((x) => x.row);
}

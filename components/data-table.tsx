"use client";

import { isValidElement, useMemo, useState, type ReactNode } from "react";
import { sortRows, type SortState } from "@/lib/ui/sort-rows";

export interface DataColumn {
  key: string;
  label: ReactNode;
  align?: "left" | "right";
  /** Sortable unless false; rows give the value to sort by in `sort` (else the column is not sortable). */
  sortable?: boolean;
  className?: string;
}

type Attrs = Record<string, string | number | undefined>;
/** A cell: content, or content with attributes for its `<td>` (e.g. `data-env` that tests and scripts find). */
export type DataCell = ReactNode | { content: ReactNode; attrs: Attrs };

export interface DataRow {
  key: string | number;
  cells: Record<string, DataCell>;
  /** Values to sort by, per column key; null and undefined sort last. */
  sort?: Record<string, string | number | null | undefined>;
  /** Attributes of the `<tr>`, e.g. `data-build-version`. */
  attrs?: Attrs;
  className?: string;
}

interface Props {
  columns: DataColumn[];
  rows: DataRow[];
  defaultSort?: SortState;
  /** Shown under the table, e.g. that sorting applies to this page of a paged list. */
  note?: ReactNode;
  /** The scroll box's height limit: the header row stays in view (sticky) within it. */
  maxHeight?: string;
  label?: string;
  /** Inside a card that already has a border (e.g. a section with a heading). */
  bare?: boolean;
}

/**
 * The one table of the list pages (builds, rollbacks, deployments, dark launch, verdict evidence,
 * metrics): sortable columns (click a header; again to reverse) and a sticky header row.
 * Server pages pass rendered cells and sort values; only the ordering happens here.
 */
export function DataTable({ columns, rows, defaultSort = null, note, maxHeight = "75vh", label, bare = false }: Props) {
  const [sort, setSort] = useState<SortState>(defaultSort);
  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort]);
  const sortable = (c: DataColumn) => c.sortable !== false && rows.some((r) => r.sort?.[c.key] !== undefined);
  const toggle = (key: string) => setSort((s) => (s?.key === key ? { key, dir: s.dir === "asc" ? "desc" : "asc" } : { key, dir: "asc" }));

  return (
    <div className={bare ? "" : "rounded-lg border border-slate-200 bg-white shadow-sm"}>
      <div className="overflow-auto" style={{ maxHeight }}>
        <table className="w-full text-sm" aria-label={label} data-table>
          <thead className="text-left text-xs tracking-wide text-slate-500 uppercase">
            <tr>
              {columns.map((c) => {
                const active = sort?.key === c.key ? sort.dir : null;
                return (
                  <th
                    key={c.key}
                    scope="col"
                    aria-sort={active === "asc" ? "ascending" : active === "desc" ? "descending" : undefined}
                    className={`sticky top-0 z-10 border-b border-slate-200 bg-slate-50 px-3 py-2 font-medium whitespace-nowrap ${c.align === "right" ? "text-right" : ""} ${c.className ?? ""}`}
                  >
                    {sortable(c) ? (
                      <button type="button" onClick={() => toggle(c.key)} data-sort-key={c.key} className="inline-flex items-center gap-1 uppercase hover:text-slate-900">
                        {c.label}
                        <span aria-hidden className={active ? "text-slate-700" : "text-slate-300"}>
                          {active === "desc" ? "▼" : active === "asc" ? "▲" : "↕"}
                        </span>
                      </button>
                    ) : (
                      c.label
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {sorted.map((row) => (
              <tr key={row.key} className={row.className} {...row.attrs}>
                {columns.map((c) => {
                  const cell = row.cells[c.key];
                  const { content, attrs } = isCellWithAttrs(cell) ? cell : { content: cell, attrs: undefined };
                  return (
                    <td key={c.key} className={`px-3 py-2 ${c.align === "right" ? "text-right tabular-nums" : ""} ${c.className ?? ""}`} {...attrs}>
                      {content}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {note && <p className="border-t border-slate-100 px-3 py-1.5 text-xs text-slate-500">{note}</p>}
    </div>
  );
}

function isCellWithAttrs(cell: DataCell): cell is { content: ReactNode; attrs: Attrs } {
  return typeof cell === "object" && cell !== null && !isValidElement(cell) && !Array.isArray(cell) && "attrs" in cell;
}

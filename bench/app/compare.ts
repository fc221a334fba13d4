// `--compare <results.json>`: every figure an earlier run and this one both hold, before → after.
// Figures are found by walking the results, so a new section or field is compared without
// being listed here.

/** Keys that hold the run's set-up or the machine, not a measured figure. */
const NOT_FIGURES = new Set(["machine", "quick", "runs", "warmUps", "requests", "stepMs", "points", "ingestHttpPoints", "ingestGraphiteLines", "samples"]);
/** Fields that name an item of a list (a page, a source, a relation), so items are matched by name, not position. */
const NAME_FIELDS = ["name", "source", "peer", "store", "label"];

/**
 * Every measured number of a results file by its path (`sqlite.ingestHttpPointsPerSec`,
 * `storage.sqlite.disk.relations[points].bytes`). Lists of plain numbers (each run's time) and
 * of unnamed objects are left out: their positions mean nothing from one run to the next.
 */
export function figuresOf(value: unknown, path = "", into = new Map<string, number>()): Map<string, number> {
  if (typeof value === "number" && Number.isFinite(value)) into.set(path, value);
  else if (Array.isArray(value)) {
    for (const item of value) {
      const name = item && typeof item === "object" ? NAME_FIELDS.map((f) => (item as Record<string, unknown>)[f]).find((n) => typeof n === "string") : undefined;
      if (name !== undefined) figuresOf(item, `${path}[${name}]`, into);
    }
  } else if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) if (!NOT_FIGURES.has(key)) figuresOf(child, path ? `${path}.${key}` : key, into);
  }
  return into;
}

const shown = (n: number) => (Number.isInteger(n) || Math.abs(n) >= 100 ? Math.round(n).toLocaleString("en") : n.toFixed(2));

/** before → after and after / before for each figure both results hold, in this run's order; identical ones counted in one line. */
export function compareLines(before: Record<string, unknown>, after: Record<string, unknown>, beforeName: string): string {
  const old = figuresOf(before);
  const both = [...figuresOf(after)].filter(([path]) => old.has(path));
  // Identical figures (the same small tables, the same answer sizes) are counted, not listed, so the changes stand out.
  const unchanged = both.filter(([path, now]) => old.get(path) === now).length;
  const rows = both
    .filter(([path, now]) => old.get(path) !== now)
    .map(([path, now]) => {
      const was = old.get(path)!;
      return `| ${path} | ${shown(was)} | ${shown(now)} | ${was === 0 ? "—" : `${(now / was).toFixed(2)}×`} |`;
    });
  if (unchanged > 0) rows.push(`| ${unchanged} more figure${unchanged === 1 ? "" : "s"} identical in both | | | 1.00× |`);
  const modes = before.quick === after.quick ? [] : [`(${beforeName}: quick=${before.quick}, this run: quick=${after.quick}; the sizes differ, compare loosely)`];
  if (rows.length === 0) return [`--compare: no figure of this run is in ${beforeName}`, ...modes].join("\n");
  return [`| figure (before: ${beforeName}) | before | after | after / before |`, "|---|---|---|---|", ...rows, ...modes].join("\n");
}

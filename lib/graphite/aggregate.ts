type Values = (number | null)[];

const nonNull = (values: Values) => values.filter((v): v is number => v !== null);

// graphite-web's getAggFunc names (render/functions.py); each answers null when every value is.
const AGGREGATES: Record<string, (values: number[]) => number> = {
  sum: (v) => v.reduce((a, b) => a + b, 0),
  average: (v) => v.reduce((a, b) => a + b, 0) / v.length,
  min: (v) => Math.min(...v),
  max: (v) => Math.max(...v),
  last: (v) => v[v.length - 1],
  count: (v) => v.length,
  range: (v) => Math.max(...v) - Math.min(...v),
  multiply: (v) => v.reduce((a, b) => a * b, 1),
  median: (v) => {
    const sorted = [...v].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  },
};
const ALIASES: Record<string, string> = { avg: "average", total: "sum", current: "last" };

export const AGGREGATE_NAMES = [...Object.keys(AGGREGATES), ...Object.keys(ALIASES)];

/** The aggregation graphite-web calls `name`, or undefined for one it does not know. */
export function aggregation(name: string): ((values: Values) => number | null) | undefined {
  const fn = AGGREGATES[ALIASES[name] ?? name];
  if (!fn) return undefined;
  return (values) => {
    const present = nonNull(values);
    return present.length === 0 ? null : fn(present);
  };
}

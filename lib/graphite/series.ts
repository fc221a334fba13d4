/** A series as graphite-web's functions see it: values at a fixed step from `start`, nulls where nothing was stored. */
export interface GraphiteSeries {
  name: string;
  /** The path expression the series came from (graphite-web names aggregates after it). */
  pathExpression: string;
  /** graphite-web's `tags.name`: the metric's own name, kept through transforms; an aggregate's is its name. */
  tagName: string;
  /** Epoch seconds of the first value. */
  start: number;
  /** Seconds between values. */
  step: number;
  values: (number | null)[];
}

/** Folds every `factor` values into their average (graphite-web's default consolidation), keeping nulls out. */
export function consolidate(series: GraphiteSeries, factor: number): GraphiteSeries {
  if (factor <= 1) return series;
  const values: (number | null)[] = [];
  for (let i = 0; i < series.values.length; i += factor) values.push(average(series.values.slice(i, i + factor)));
  return { ...series, step: series.step * factor, values };
}

export function average(values: (number | null)[]): number | null {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (v === null) continue;
    sum += v;
    n++;
  }
  return n === 0 ? null : sum / n;
}

import { badRequest } from "@/lib/http/api-error";
import { aggregation, AGGREGATE_NAMES } from "./aggregate";
import { parseOffset } from "./at-time";
import { consolidate, type GraphiteSeries } from "./series";
import { parseTarget, type TargetNode } from "./target-parser";

/** Values a function may build per series (a preview window, summarize's buckets): 10 × render's MAX_DATA_POINTS. */
export const MAX_FUNCTION_POINTS = 100_000;

// The render functions deploylines serves, with graphite-web's semantics and series names
// (render/functions.py, documented in docs/functions.rst): Grafana shows those names as legends.

/** sumSeries / averageSeries: one series, the sum or average of the lists at each point (nulls skipped). */
export function combineSeries(kind: "sum" | "average", lists: GraphiteSeries[][]): GraphiteSeries[] {
  const all = lists.flat();
  if (all.length === 0) return [];
  // graphite-web's normalize(): bring every series to the least common multiple of their steps.
  const step = all.map((s) => s.step).reduce(lcm);
  const series = all.map((s) => consolidate(s, step / s.step));
  const length = Math.max(...series.map((s) => s.values.length));
  const combine = aggregation(kind)!;
  const values = Array.from({ length }, (_, i) => combine(series.map((s) => s.values[i] ?? null)));
  const paths = [...new Set(all.map((s) => s.pathExpression))].join(",");
  const name = `${kind}Series(${paths})`;
  return [{ name, pathExpression: name, tagName: name, start: Math.min(...series.map((s) => s.start)), step, values }];
}

/** scale(seriesList, factor): every value times factor; named `scale(name,%g)`. */
export function scale(list: GraphiteSeries[], factor: number): GraphiteSeries[] {
  return list.map((s) => {
    const name = `scale(${s.name},${formatG(factor)})`;
    return { ...s, name, pathExpression: name, values: s.values.map((v) => (v === null ? null : v * factor)) };
  });
}

/** alias(seriesList, newName). */
export function alias(list: GraphiteSeries[], name: string): GraphiteSeries[] {
  return list.map((s) => ({ ...s, name }));
}

/** aliasByNode(seriesList, *nodes): the name becomes the chosen dotted nodes (negative counts from the end) of the first path in it. */
export function aliasByNode(list: GraphiteSeries[], nodes: number[]): GraphiteSeries[] {
  return list.map((s) => {
    const parts = firstPathExpression(s.name).split(".");
    return { ...s, name: nodes.map((n) => parts[n < 0 ? parts.length + n : n] ?? "").join(".") };
  });
}

/**
 * summarize(seriesList, interval, func="sum", alignToFrom=false): values folded into buckets of
 * `interval`, aligned to multiples of it (or to the series' start with alignToFrom); refused when
 * that makes more than MAX_FUNCTION_POINTS buckets.
 */
export function summarize(list: GraphiteSeries[], interval: string, func: string, alignToFrom: boolean): GraphiteSeries[] {
  const seconds = intervalSeconds(interval, "summarize");
  const fold = aggregation(func);
  if (!fold) throw badRequest(`summarize: unknown function "${func}"; use one of ${AGGREGATE_NAMES.join(", ")}`);
  return list.map((s) => {
    const end = s.start + s.values.length * s.step;
    const newStart = alignToFrom ? s.start : s.start - (s.start % seconds);
    const newEnd = alignToFrom ? end : end - (end % seconds) + seconds;
    const buckets = Math.ceil((newEnd - newStart) / seconds);
    if (buckets > MAX_FUNCTION_POINTS) throw badRequest(`summarize: "${interval}" makes ${buckets.toLocaleString("en")} buckets, more than ${MAX_FUNCTION_POINTS.toLocaleString("en")}: use a longer interval or a shorter range`);
    const values: (number | null)[] = [];
    let i = 0;
    for (let t = newStart; t < newEnd; t += seconds) {
      const bucket: (number | null)[] = [];
      for (; i < s.values.length && s.start + i * s.step < t + seconds; i++) if (s.start + i * s.step >= t) bucket.push(s.values[i]);
      values.push(fold(bucket));
    }
    const name = `summarize(${s.name}, "${interval}", "${func}"${alignToFrom ? ", true" : ""})`;
    return { ...s, name, pathExpression: name, start: newStart, step: seconds, values };
  });
}

/** How far before `from` movingAverage must read so that its first points have a full window. */
export function movingWindowPreview(windowSize: number | string, step: number): number {
  return typeof windowSize === "string" ? intervalSeconds(windowSize, "movingAverage") : step * windowSize;
}

/**
 * movingAverage(seriesList, windowSize, xFilesFactor=0): each point the average of the window ending
 * at it (a count of points, or a time such as "5min"); `preview` holds the window read before `from`.
 * A running sum and count over the window, so a wide window costs no more than a narrow one.
 */
export function movingAverage(preview: GraphiteSeries[], windowSize: number | string, previewSeconds: number, xFilesFactor: number): GraphiteSeries[] {
  return preview.map((s) => {
    const windowPoints = typeof windowSize === "string" ? Math.floor(previewSeconds / s.step) : windowSize;
    const values: (number | null)[] = [];
    let sum = 0;
    let present = 0;
    for (let i = 0; i < s.values.length; i++) {
      const entering = s.values[i];
      if (entering !== null) {
        sum += entering;
        present++;
      }
      const leaving = i - windowPoints >= 0 ? s.values[i - windowPoints] : null;
      if (leaving !== null) {
        sum -= leaving;
        present--;
      }
      // The window now holds the windowPoints values ending at i; the first ones lack a whole window.
      if (i < windowPoints) continue;
      const enough = present > 0 && present / windowPoints >= xFilesFactor;
      values.push(enough ? sum / present : null);
    }
    const name = typeof windowSize === "string" ? `movingAverage(${s.name},"${windowSize}")` : `movingAverage(${s.name},${windowSize})`;
    return { ...s, name, pathExpression: name, start: s.start + windowPoints * s.step, values };
  });
}

function intervalSeconds(interval: string, fn: string): number {
  const ms = parseOffset(interval.toLowerCase().replace(/\s/g, ""));
  if (ms === null || ms === 0) throw badRequest(`${fn}: "${interval}" is not an interval; write e.g. "5min", "1h", "1d"`);
  return Math.abs(ms) / 1000;
}

/** The first metric path inside a series name such as `scale(sumSeries(a.b.*),2)`, as graphite-web's aggKey takes it. */
function firstPathExpression(name: string): string {
  if (!name.endsWith(")")) return name;
  try {
    let node: TargetNode | undefined = parseTarget(name);
    while (node && node.type === "call") node = node.args[0];
    return node?.type === "path" ? node.path : name;
  } catch {
    return name;
  }
}

/** Python's `%g`: six significant digits, no trailing zeros, exponent as `e-07`. */
export function formatG(value: number): string {
  if (value === 0) return "0";
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  if (exponent < -4 || exponent >= 6) {
    const [mantissa, exp] = value.toExponential(5).split("e");
    const digits = Number(exp);
    return `${String(Number(mantissa))}e${digits < 0 ? "-" : "+"}${String(Math.abs(digits)).padStart(2, "0")}`;
  }
  return String(Number(value.toPrecision(6)));
}

function lcm(a: number, b: number): number {
  const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
  return (a * b) / gcd(a, b);
}

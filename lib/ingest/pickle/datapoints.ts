import { graphitePoint, type GraphiteLine } from "@/lib/ingest/graphite";
import { decodePickle, PickleError } from "./decode";

/**
 * The datapoints of one pickle-protocol frame: a pickled list of `(path, (timestamp, value))`
 * (carbon's MetricPickleReceiver). Returns the good points and a reason per bad one, or throws
 * a PickleError when the frame is not such a list at all. Like carbon, numbers sent as strings
 * (`"12.5"`) are accepted.
 */
export function pickleDatapoints(frame: Uint8Array, now: number): { points: GraphiteLine[]; problems: string[] } {
  const decoded = decodePickle(frame);
  if (!Array.isArray(decoded)) throw new PickleError("expected a list of (path, (timestamp, value))");
  const points: GraphiteLine[] = [];
  const problems: string[] = [];
  for (const [i, item] of decoded.entries()) {
    const shaped = Array.isArray(item) && item.length === 2 && typeof item[0] === "string" && Array.isArray(item[1]) && item[1].length === 2;
    if (!shaped) {
      problems.push(`datapoint ${i + 1}: expected (path, (timestamp, value))`);
      continue;
    }
    const [path, [ts, value]] = item as [string, [unknown, unknown]];
    const seconds = toNumber(ts);
    const point = graphitePoint(path, toNumber(value), seconds, now);
    if (typeof point === "string") problems.push(`datapoint ${i + 1}: ${point}`);
    else points.push(point);
  }
  return { points, problems };
}

function toNumber(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "") return Number(value);
  return NaN;
}

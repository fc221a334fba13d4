import { MAX_TIMESTAMP_MS } from "@/lib/time/parse-time";
import { labelKey, labelProblem, type Labels } from "@/lib/series/labels";
import { attributeText, pointLabels } from "./attributes";
import type { ExtraLabel, PointAt } from "./collector";
import { nanosToMs } from "./int64";
import type { OtlpPointBase } from "./message";

// Distinct attribute lists remembered per resource; past it the memory starts over (a request
// of ever-new label sets is refused at the series cap anyway).
const MAX_REMEMBERED = 100_000;

type Placement = Omit<PointAt, "ts"> | string;

/**
 * Places the data points of one resource: their labels (the resource's plus their attributes,
 * see `pointLabels`) and their time in ms — or why a point cannot be stored. Points of one
 * series repeat the same attributes, so labels are built and checked once per distinct
 * attribute list, not once per point.
 */
export class PointPlacer {
  private placements = new Map<string, Placement>();

  constructor(
    private readonly resourceLabels: Labels,
    private readonly now: number,
  ) {}

  /**
   * Where `point` lands. `extra` names the label the mapping adds per series (`le`,
   * `quantile`): an attribute of that name is dropped so the two cannot collide, and the label
   * limits are checked with it counted. A time of 0 means the sender set none: `now` (as does
   * anything under 1 ms after the epoch, which no real clock sends).
   */
  place(point: OtlpPointBase, extra?: ExtraLabel["name"]): PointAt | string {
    // Length-prefixed, so no key or value text can make two different lists read alike.
    let signature = extra ?? "";
    for (const { key, value } of point.attributes) {
      const text = attributeText(value);
      signature += `${key.length}:${key}${text.length}:${text}`;
    }
    let placement = this.placements.get(signature);
    if (placement === undefined) {
      placement = this.labelsOf(point, extra);
      if (this.placements.size >= MAX_REMEMBERED) this.placements.clear();
      this.placements.set(signature, placement);
    }
    if (typeof placement === "string") return placement;
    const ts = nanosToMs(point.timeUnixNano) || this.now;
    if (ts >= MAX_TIMESTAMP_MS) return "time_unix_nano is beyond year 2286 (not nanoseconds since the epoch?)";
    return { ...placement, ts };
  }

  private labelsOf(point: OtlpPointBase, extra?: ExtraLabel["name"]): Placement {
    const labels = pointLabels(point.attributes, this.resourceLabels);
    if (extra) delete labels[extra];
    return labelProblem(extra ? { ...labels, [extra]: "" } : labels) ?? { labels, key: labelKey(labels) };
  }
}

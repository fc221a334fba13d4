import { labelProblem, MAX_LABELS, sanitizeLabelName, type Labels } from "@/lib/series/labels";

/**
 * The label set of a DogStatsD tag field (`route:/a,env:prod,canary`, without its `#`):
 * - `key:value` → label `key` = `value`, cut at the first `:` (values may hold more, as URLs do);
 * - a bare `key` → `key="true"`, as Telegraf reads DogStatsD tags. A label needs a value and an
 *   empty one means "no label" to Prometheus; statsd_exporter drops bare tags instead, which
 *   would merge `#canary` samples into the untagged series;
 * - `key:` (empty value) → no label, as Prometheus treats an empty label as absent;
 * - names go through `sanitizeLabelName` (`http.route` → `http_route`).
 * Returns why the tags cannot be one label set instead: more than 32 tags, a value over 1024
 * characters, a tag without a name, or one name with two values — DogStatsD allows
 * `env:a,env:b` (and `a.b:1,a_b:2` meet once sanitized) but a label set holds one value per name.
 */
export function tagLabels(field: string): Labels | string {
  const tags = field.split(",").filter((tag) => tag !== "");
  if (tags.length > MAX_LABELS) return `at most ${MAX_LABELS} tags per sample (got ${tags.length})`;
  const labels: Labels = {};
  for (const tag of tags) {
    const colon = tag.indexOf(":");
    const key = colon === -1 ? tag : tag.slice(0, colon);
    const value = colon === -1 ? "true" : tag.slice(colon + 1);
    if (key === "") return `tag "${tag.slice(0, 80)}" has no name`;
    if (value === "") continue;
    const name = sanitizeLabelName(key);
    if (Object.hasOwn(labels, name) && labels[name] !== value) return `tags give label "${name}" two values ("${labels[name].slice(0, 40)}" and "${value.slice(0, 40)}")`;
    labels[name] = value;
  }
  return labelProblem(labels) ?? labels;
}

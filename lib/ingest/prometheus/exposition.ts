import type { Problem } from "@/lib/http/problem";
import type { IngestBatch } from "@/lib/ingest/schema";
import { labelProblem, type Labels } from "@/lib/series/labels";
import { parseSampleLine, PROMETHEUS_NAME } from "./exposition-line";
import { declaredKind, type Family, type FamilyType } from "./family";
import { SeriesCollector } from "./series-collector";

export interface ExpositionOptions {
  /** Epoch ms given to samples without a timestamp: the scrape or receive time. */
  now: number;
  /** Labels every series gets (a scrape's `job`/`instance`); a sample's own label of that name wins unless `honorLabels` is false. */
  extraLabels?: Labels;
  /**
   * As Prometheus' `honor_labels` (default true here, as for pushed text): false makes the extra
   * labels win, and a sample's own label they clash with is kept as `exported_<name>`.
   */
  honorLabels?: boolean;
}

/** At most this many problems are listed; the body is refused with any, so more say nothing new. */
const MAX_PROBLEMS = 100;
const TYPES: Record<string, FamilyType> = {
  counter: "counter",
  gauge: "gauge",
  histogram: "histogram",
  gaugehistogram: "gaugehistogram",
  summary: "summary",
  info: "info",
  stateset: "stateset",
  unknown: "unknown",
  untyped: "unknown",
};
const MAX_UNIT = 32;

/**
 * Parses a Prometheus text exposition (0.0.4) or OpenMetrics 1.0 text body — OpenMetrics when a
 * `# EOF` line is present, which that format requires and 0.0.4 never has; the two differ in
 * timestamp units (seconds there, ms here). `# TYPE` decides each sample's kind (family.ts);
 * untyped samples are gauges. NaN and ±Inf samples are skipped (nothing to chart), as are
 * `_created` samples and exemplars. Every bad line is a problem naming its number: the caller
 * refuses the whole body when there is any. Throws a 400 past the per-body sample or series bound.
 */
export function parseExposition(text: string, options: ExpositionOptions): { batch: IngestBatch; problems: Problem[] } {
  const lines = text.split("\n");
  const eof = lines.findIndex((line) => line === "# EOF" || line === "# EOF\r");
  const openMetrics = eof !== -1;
  const families = new Map<string, Family>();
  const collector = new SeriesCollector();
  const problems: Problem[] = [];

  const readSample = (line: string): string | null => {
    const sample = parseSampleLine(line, openMetrics);
    if (typeof sample === "string") return sample;
    const declared = declaredKind(sample.name, families);
    if (declared?.kind === "skip") return null;
    const kind = declared?.kind ?? "gauge";
    if (kind === "histogram" && !sample.labels.le) return `histogram bucket "${sample.name}" has no le label`;
    if (sample.name.length > 255) return `metric name is longer than 255 characters`;
    const labels = options.honorLabels === false ? withTargetLabels(sample.labels, options.extraLabels) : withExtraLabels(sample.labels, options.extraLabels);
    const problem = labelProblem(labels);
    if (problem) return problem;
    if (Number.isFinite(sample.value)) collector.add(sample.name, labels, kind, declared?.family.unit, [[sample.ts ?? options.now, sample.value]]);
    return null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "" || i === eof) continue;
    const problem = openMetrics && i > eof ? "content after # EOF" : line.startsWith("#") ? readComment(line, families) : readSample(line);
    if (problem && problems.length < MAX_PROBLEMS) problems.push({ where: `line ${i + 1}`, message: problem });
  }
  return { batch: collector.batch(), problems };
}

/** Applies `# TYPE` and `# UNIT` lines to `families`; `# HELP` and other comments are ignored. Returns a problem or null. */
function readComment(line: string, families: Map<string, Family>): string | null {
  const [hash, keyword, name, value, ...rest] = line.split(/[ \t]+/);
  if (hash !== "#" || (keyword !== "TYPE" && keyword !== "UNIT")) return null;
  if (!name || !PROMETHEUS_NAME.test(name)) return `# ${keyword} needs a metric name`;
  const family = families.get(name) ?? {};
  families.set(name, family);
  if (keyword === "UNIT") {
    if (value && value.length > MAX_UNIT) return `unit is longer than ${MAX_UNIT} characters`;
    if (value) family.unit = value;
    return null;
  }
  const type = value !== undefined && rest.length === 0 && Object.hasOwn(TYPES, value) ? TYPES[value] : undefined;
  if (!type) return `# TYPE ${name} needs one of ${Object.keys(TYPES).join(", ")}`;
  if (family.type) return `a second # TYPE line for ${name}`;
  family.type = type;
  return null;
}

/** The sample's labels plus the extra ones it lacks; empty values are left out, as Prometheus treats them as absent. */
function withExtraLabels(own: Labels, extra: Labels | undefined): Labels {
  const labels: Labels = {};
  for (const source of [extra ?? {}, own]) {
    for (const key in source) if (source[key] !== "") labels[key] = source[key];
  }
  return labels;
}

/**
 * Prometheus' `honor_labels: false`: the target's labels are set, and each of the sample's own
 * labels with a target label's name is renamed `exported_<name>` (more `exported_` prefixes until
 * the name is free), whatever its value.
 */
function withTargetLabels(own: Labels, target: Labels = {}): Labels {
  const labels: Labels = {};
  for (const key in own) if (own[key] !== "") labels[key] = own[key];
  for (const key in target) {
    const clash = labels[key];
    if (clash !== undefined) {
      let exported = `exported_${key}`;
      while (labels[exported] !== undefined || Object.hasOwn(target, exported)) exported = `exported_${exported}`;
      labels[exported] = clash;
    }
    if (target[key] === "") delete labels[key];
    else labels[key] = target[key];
  }
  return labels;
}

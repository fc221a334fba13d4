/**
 * Label sets of labelled series (`http_server_duration{route="/login",status="200"}`).
 * A series is a name plus a label set; the empty set is the plain Graphite/StatsD series.
 * Label sets are stored as one canonical string (keys sorted, Prometheus escaping), so a
 * (name, labels) pair is one unique key in both dialects and equal sets compare equal as text.
 */
export type Labels = Record<string, string>;

/** Prometheus' label name rule; `__`-prefixed names are reserved there and refused here. */
export const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const MAX_LABELS = 32;
export const MAX_LABEL_NAME = 128;
export const MAX_LABEL_VALUE = 1024;

/** Why a label set cannot be stored, or null when it can. */
export function labelProblem(labels: Labels): string | null {
  const keys = Object.keys(labels);
  if (keys.length > MAX_LABELS) return `at most ${MAX_LABELS} labels per series (got ${keys.length})`;
  for (const key of keys) {
    if (key.length > MAX_LABEL_NAME || !LABEL_NAME.test(key) || key.startsWith("__")) return `label name "${key.slice(0, 80)}" must match [A-Za-z_][A-Za-z0-9_]* (at most ${MAX_LABEL_NAME} characters, no leading __)`;
    const value = labels[key];
    if (typeof value !== "string") return `label "${key}" must have a string value`;
    if (value.length > MAX_LABEL_VALUE) return `label "${key}" value is longer than ${MAX_LABEL_VALUE} characters`;
  }
  return null;
}

/**
 * Turns an attribute or tag key from another system (OTel `http.route`, a DogStatsD tag
 * `env-name`) into a label name, as Prometheus' own OTLP translation does: every character
 * outside [A-Za-z0-9_] becomes `_`, and a leading digit gets a `_` prefix.
 */
export function sanitizeLabelName(key: string): string {
  const cleaned = key.replace(/[^A-Za-z0-9_]/g, "_");
  const named = /^[0-9]/.test(cleaned) ? `_${cleaned}` : cleaned;
  return named.replace(/^__+/, "_") || "_";
}

const escapeValue = (value: string) => value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

/** The canonical text of a label set: `k1="v1",k2="v2"`, keys sorted, empty values left out (as Prometheus does). */
export function labelKey(labels: Labels | undefined): string {
  if (!labels) return "";
  const keys = Object.keys(labels).filter((k) => labels[k] !== "").sort();
  return keys.map((k) => `${k}="${escapeValue(labels[k])}"`).join(",");
}

/** Reads a canonical label text back into a label set (the inverse of `labelKey`). */
export function parseLabelKey(text: string): Labels {
  const labels: Labels = {};
  let i = 0;
  while (i < text.length) {
    const eq = text.indexOf("=", i);
    const key = text.slice(i, eq);
    let j = eq + 2;
    let value = "";
    while (j < text.length && text[j] !== '"') {
      if (text[j] === "\\") {
        const next = text[j + 1];
        value += next === "n" ? "\n" : next;
        j += 2;
      } else value += text[j++];
    }
    labels[key] = value;
    i = j + 2;
  }
  return labels;
}

/** `name{k="v",…}`, or the bare name for an unlabelled series: how a series is named in text. */
export function seriesName(name: string, labels: Labels | string | undefined): string {
  const key = typeof labels === "string" ? labels : labelKey(labels);
  return key === "" ? name : `${name}{${key}}`;
}

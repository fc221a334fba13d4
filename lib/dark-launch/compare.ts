import { diffJson } from "./json-diff";
import { MAX_DIFF_ENTRIES, type SampleDiffEntry } from "./schema";

/**
 * An HTTP answer as the proxy captured it. The comparisons below take bodies with their content
 * encoding already removed (`decodeBody`, off the event loop), since two backends may compress
 * differently, or not at all, and still say the same thing.
 */
export interface CapturedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface CompareOptions {
  /** Response headers that must agree (lower-case); default content-type. */
  headers?: string[];
  /** Body paths excluded from the verdict: configured ignores and learned noise. */
  isIgnored?: (path: string) => boolean;
}

export interface Comparison {
  match: boolean;
  diff: SampleDiffEntry[] | null;
}

export const DEFAULT_COMPARED_HEADERS = ["content-type"];
const MAX_VALUE_CHARS = 200;

/**
 * Every difference between two answers: status, the chosen headers, then the body — structurally when
 * both bodies are JSON, byte for byte otherwise. Values are untruncated; body paths start with `$`.
 */
export function diffResponses(primary: CapturedResponse, candidate: CapturedResponse, headers = DEFAULT_COMPARED_HEADERS, limit = 500): SampleDiffEntry[] {
  const out: SampleDiffEntry[] = [];
  if (primary.status !== candidate.status) out.push({ path: "status", primary: primary.status, candidate: candidate.status });
  for (const name of headers) {
    const a = headerValue(primary, name);
    const b = headerValue(candidate, name);
    if (a !== b) out.push({ path: `headers.${name}`, ...(a !== undefined && { primary: a }), ...(b !== undefined && { candidate: b }) });
  }
  const a = primary.body;
  const b = candidate.body;
  if (a.equals(b)) return out;
  const jsonA = isJson(primary) ? parseJson(a) : undefined;
  const jsonB = isJson(candidate) ? parseJson(b) : undefined;
  if (jsonA !== undefined && jsonB !== undefined) return diffJson(jsonA.value, jsonB.value, limit, "$", out);
  out.push({ path: "body", primary: describeBytes(a), candidate: describeBytes(b) });
  return out;
}

/**
 * Compares the candidate's answer with the primary's. Ignored body paths do not count against the
 * match; the diff kept for reporting is capped to a few entries with long values cut.
 */
export function compareResponses(primary: CapturedResponse, candidate: CapturedResponse, options: CompareOptions = {}): Comparison {
  const isIgnored = options.isIgnored ?? (() => false);
  const differences = diffResponses(primary, candidate, options.headers).filter((d) => !isIgnored(d.path));
  if (differences.length === 0) return { match: true, diff: null };
  return { match: false, diff: differences.slice(0, MAX_DIFF_ENTRIES).map(truncateEntry) };
}

function headerValue(response: CapturedResponse, name: string): string | undefined {
  const value = response.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : value;
}

function isJson(response: CapturedResponse): boolean {
  const type = headerValue(response, "content-type") ?? "";
  return /[/+]json\b/i.test(type);
}

function parseJson(body: Buffer): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(body.toString("utf8")) };
  } catch {
    return undefined;
  }
}

function describeBytes(body: Buffer): string {
  const text = body.subarray(0, MAX_VALUE_CHARS).toString("utf8");
  return `${body.length} bytes: ${text}${body.length > MAX_VALUE_CHARS ? "…" : ""}`;
}

function truncateEntry(entry: SampleDiffEntry): SampleDiffEntry {
  const out: SampleDiffEntry = { path: entry.path };
  if ("primary" in entry) out.primary = truncateValue(entry.primary);
  if ("candidate" in entry) out.candidate = truncateValue(entry.candidate);
  return out;
}

function truncateValue(value: unknown): unknown {
  if (typeof value === "string") return value.length > MAX_VALUE_CHARS ? `${value.slice(0, MAX_VALUE_CHARS)}…` : value;
  if (typeof value !== "object" || value === null) return value;
  const text = JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : value;
}

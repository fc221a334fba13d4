import type { SampleDiffEntry } from "./schema";
import { childPath } from "./json-path";

/**
 * Structural differences between two parsed JSON values: key order is irrelevant and numbers compare
 * by value; a missing side is left out of the entry. Stops after `limit` entries.
 */
export function diffJson(primary: unknown, candidate: unknown, limit = 500, path = "$", out: SampleDiffEntry[] = []): SampleDiffEntry[] {
  if (out.length >= limit) return out;
  if (Array.isArray(primary) && Array.isArray(candidate)) {
    const length = Math.max(primary.length, candidate.length);
    for (let i = 0; i < length && out.length < limit; i++) {
      const itemPath = `${path}[${i}]`;
      if (i >= candidate.length) out.push({ path: itemPath, primary: primary[i] });
      else if (i >= primary.length) out.push({ path: itemPath, candidate: candidate[i] });
      else diffJson(primary[i], candidate[i], limit, itemPath, out);
    }
    return out;
  }
  if (isObject(primary) && isObject(candidate)) {
    const keys = new Set([...Object.keys(primary), ...Object.keys(candidate)]);
    for (const key of [...keys].sort()) {
      if (out.length >= limit) break;
      const keyPath = childPath(path, key);
      if (!(key in candidate)) out.push({ path: keyPath, primary: primary[key] });
      else if (!(key in primary)) out.push({ path: keyPath, candidate: candidate[key] });
      else diffJson(primary[key], candidate[key], limit, keyPath, out);
    }
    return out;
  }
  if (primary !== candidate) out.push({ path, primary, candidate });
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

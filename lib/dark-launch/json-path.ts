type Segment = { key: string } | { index: number } | { anyKey: true } | { anyIndex: true };

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** Appends an object key to a JSON path the way diffs print it: `$.user.name`, `$["a b"]`. */
export function childPath(path: string, key: string): string {
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** Array positions folded to `[*]`, so noise seen at `$.items[3].ts` covers every item. */
export function genericPath(path: string): string {
  return path.replace(/\[\d+\]/g, "[*]");
}

function parsePath(path: string): Segment[] | null {
  const segments: Segment[] = [];
  const token = /\.([A-Za-z_$][A-Za-z0-9_$-]*|\*)|\[(\d+|\*|"(?:[^"\\]|\\.)*")\]/y;
  let at = path.startsWith("$") ? 1 : 0;
  while (at < path.length) {
    token.lastIndex = at;
    const m = token.exec(path);
    if (!m) return null;
    if (m[1] === "*") segments.push({ anyKey: true });
    else if (m[1] !== undefined) segments.push({ key: m[1] });
    else if (m[2] === "*") segments.push({ anyIndex: true });
    else if (m[2].startsWith('"')) segments.push({ key: JSON.parse(m[2]) as string });
    else segments.push({ index: Number(m[2]) });
    at = token.lastIndex;
  }
  return segments;
}

function segmentMatches(rule: Segment, actual: Segment): boolean {
  if ("anyKey" in rule) return "key" in actual;
  if ("anyIndex" in rule) return "index" in actual;
  if ("key" in rule) return "key" in actual && actual.key === rule.key;
  return "index" in actual && actual.index === rule.index;
}

/**
 * Builds a test for body paths from ignore rules: JSON paths (`$.requestId`, `$.items[*].ts`, `$.*.etag`)
 * cover that field and everything under it; a bare name (`requestId`) covers that key at any depth.
 * Throws on a rule that is neither.
 */
export function fieldMatcher(rules: string[]): (path: string) => boolean {
  const pathRules: Segment[][] = [];
  const names = new Set<string>();
  for (const raw of rules.map((r) => r.trim()).filter(Boolean)) {
    if (!raw.startsWith("$")) {
      names.add(raw);
      continue;
    }
    const parsed = parsePath(raw);
    if (!parsed) throw new Error(`"${raw}" is not a JSON path like $.field, $.items[*].ts or a bare key name`);
    pathRules.push(parsed);
  }
  if (pathRules.length === 0 && names.size === 0) return () => false;
  return (path) => {
    if (!path.startsWith("$")) return false;
    const segments = parsePath(path);
    if (!segments) return false;
    if (names.size > 0 && segments.some((s) => "key" in s && names.has(s.key))) return true;
    return pathRules.some((rule) => rule.length <= segments.length && rule.every((r, i) => segmentMatches(r, segments[i])));
  };
}

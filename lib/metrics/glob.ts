/**
 * Compiles a Graphite-style glob into a RegExp matched against whole metric names.
 * Wildcards never cross a dot: `*` is any run within one segment, `?` one character,
 * `[abc]` a class and `{a,b}` alternatives — so `auth.*.latency.*` matches
 * `auth.api.latency.p95` but not `auth.api.v2.latency.p95`.
 */
export function globToRegExp(glob: string): RegExp {
  let pattern = "";
  let inBraces = false;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*") pattern += "[^.]*";
    else if (c === "?") pattern += "[^.]";
    else if (c === "[") {
      const end = glob.indexOf("]", i);
      if (end === -1) pattern += "\\[";
      else {
        pattern += `[${glob.slice(i + 1, end).replace(/\\/g, "\\\\")}]`;
        i = end;
      }
    } else if (c === "{") {
      inBraces = true;
      pattern += "(?:";
    } else if (c === "}" && inBraces) {
      inBraces = false;
      pattern += ")";
    } else if (c === "," && inBraces) pattern += "|";
    else pattern += c.replace(/[.+^$()|\\\]}]/g, "\\$&");
  }
  return new RegExp(`^${pattern}$`);
}

/** True when the pattern has wildcards; a plain name is looked up exactly. */
export function isGlob(pattern: string): boolean {
  return /[*?[{]/.test(pattern);
}

/** The literal part before the first wildcard, used to narrow the database scan. */
export function literalPrefix(glob: string): string {
  const first = glob.search(/[*?[{]/);
  return first === -1 ? glob : glob.slice(0, first);
}

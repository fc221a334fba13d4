/** Combinations a pattern's bounded repeats (`?`, `{n,m}`) may try together. */
const MAX_BOUNDED_COMBINATIONS = 100;

interface Group {
  quantifiers: number;
  /** An alternation in this group or one nested in it. */
  holdsAlternation: boolean;
  /** A `|` at this group's own level. */
  alternation: boolean;
  unbounded: boolean;
}

const newGroup = (): Group => ({ quantifiers: 0, holdsAlternation: false, alternation: false, unbounded: false });

/**
 * Why `pattern` could backtrack for more than polynomial time on V8's engine, or null when it is on
 * the allow-list: at most one unbounded quantifier (`*`, `+`, `{n,}`) and none inside an alternation;
 * no quantified group holding a quantifier or an alternation (`(a+)+`, `(a|a)*`); bounded repeats of
 * at most 100 combinations; no backreferences. One unbounded quantifier costs at most the square of
 * the name's length, and Grafana's `(^.*$)` has exactly one. Syntax errors are left to `RegExp`.
 */
export function backtrackingRisk(pattern: string): string | null {
  const stack: Group[] = [newGroup()];
  let unbounded = 0;
  let combinations = 1;
  // What a quantifier here would repeat: a single atom, a group just closed, or nothing.
  let last: "atom" | Group | null = null;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const top = stack[stack.length - 1];
    if (c === "\\") {
      const next = pattern[i + 1] ?? "";
      if (/[1-9k]/.test(next)) return "backreferences are not served (they can take exponential time)";
      i++;
      if (/[pPu]/.test(next) && pattern[i + 1] === "{") i = Math.max(i, pattern.indexOf("}", i));
      last = "atom";
    } else if (c === "[") {
      let j = i + 1;
      while (j < pattern.length && pattern[j] !== "]") j += pattern[j] === "\\" ? 2 : 1;
      i = j;
      last = "atom";
    } else if (c === "(") {
      if (pattern.startsWith("(?P=", i)) return "backreferences are not served (they can take exponential time)";
      const named = /^\(\?P?<(?![=!])[^>]*>/.exec(pattern.slice(i));
      if (named) i += named[0].length - 1;
      else if (pattern.startsWith("(?<", i)) i += 3;
      else if (pattern[i + 1] === "?") i += 2;
      stack.push(newGroup());
      last = null;
    } else if (c === ")" && stack.length > 1) {
      const group = stack.pop()!;
      if (group.alternation && group.unbounded) return "an unbounded quantifier inside an alternation is not served (it can take exponential time)";
      const parent = stack[stack.length - 1];
      parent.quantifiers += group.quantifiers;
      parent.holdsAlternation ||= group.holdsAlternation || group.alternation;
      parent.unbounded ||= group.unbounded;
      last = group;
    } else if (c === "|") {
      top.alternation = true;
      last = null;
    } else {
      const bounds = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
      if (!"*+?".includes(c) && !bounds) {
        last = "atom";
        continue;
      }
      if (last === null) continue;
      if (last !== "atom" && (last.quantifiers > 0 || last.holdsAlternation || last.alternation)) {
        return "nested quantifiers (a quantified group holding a quantifier or an alternation) are not served (they can take exponential time)";
      }
      const min = bounds ? Number(bounds[1]) : c === "+" ? 1 : 0;
      const max = bounds ? (bounds[2] === undefined ? min : bounds[3] === "" ? Infinity : Number(bounds[3])) : c === "?" ? 1 : Infinity;
      if (bounds) i += bounds[0].length - 1;
      if (pattern[i + 1] === "?") i++;
      top.quantifiers++;
      if (max === Infinity) {
        top.unbounded = true;
        if (++unbounded > 1) return "at most one unbounded quantifier (*, + or {n,}) is served (more can take seconds on a long name)";
      } else {
        combinations *= max - min + 1;
        if (combinations > MAX_BOUNDED_COMBINATIONS) return `bounded repeats (?, {n,m}) of more than ${MAX_BOUNDED_COMBINATIONS} combinations are not served`;
      }
      last = null;
    }
  }
  const root = stack[0];
  if (root.alternation && root.unbounded) return "an unbounded quantifier inside an alternation is not served (it can take exponential time)";
  return null;
}

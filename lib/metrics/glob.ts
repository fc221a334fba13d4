/**
 * Graphite-style globs over dotted metric names, matched by a small NFA run as a lazy DFA: time
 * is O(name length × pattern length) at worst whatever the pattern, so no glob from a user can backtrack
 * (a regex such as `a.[^.]*[^.]*…x` from 20 stars took 17 s on one name).
 * Wildcards never cross a dot: `*` is any run within one segment, `?` one character, `[abc]`
 * or `[a-z]` a class and `{a,b}` alternatives — so `auth.*.latency.*` matches
 * `auth.api.latency.p95` but not `auth.api.v2.latency.p95`.
 */

/** Longest glob (or search text) accepted: metric names stop at 255 characters. */
export const MAX_GLOB_LENGTH = 500;
/** Most `{…}` alternatives in one glob, all groups together. */
export const MAX_GLOB_ALTERNATIVES = 100;

/** A glob that cannot be compiled; the message says what and where. */
export class GlobError extends Error {}

export interface CompiledGlob {
  /** True when the whole name matches. */
  test(name: string): boolean;
}

type Item = { kind: "char"; c: string } | { kind: "any" } | { kind: "star" } | { kind: "class"; ranges: [string, string][]; negated: boolean } | { kind: "alt"; options: Item[][] };

type State =
  | { kind: "char"; c: string; out: number }
  | { kind: "any"; out: number }
  | { kind: "class"; ranges: [string, string][]; negated: boolean; out: number }
  | { kind: "split"; outs: number[] }
  | { kind: "match" };

/** Compiles a glob, or throws a GlobError naming the problem (unclosed `[`/`{`, a reversed range, too long, …). */
export function compileGlob(glob: string): CompiledGlob {
  if (glob.length > MAX_GLOB_LENGTH) throw new GlobError(`glob is ${glob.length} characters long; at most ${MAX_GLOB_LENGTH} are accepted`);
  const items = parse(glob);
  const states: State[] = [{ kind: "match" }];
  const dfa = new LazyDfa(states, build(items, 0, states));
  return { test: (name) => dfa.test(name) };
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

function parse(glob: string): Item[] {
  let alternatives = 0;
  const top: Item[] = [];
  let group: { options: Item[][]; at: number } | null = null;
  const push = (item: Item) => {
    const seq = group ? group.options[group.options.length - 1] : top;
    // Runs of `*` match what one `*` matches; collapsing them keeps the automaton small.
    if (item.kind === "star" && seq.at(-1)?.kind === "star") return;
    seq.push(item);
  };
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*") push({ kind: "star" });
    else if (c === "?") push({ kind: "any" });
    else if (c === "[") {
      const end = glob.indexOf("]", i + 1);
      if (end === -1) throw new GlobError(`unclosed [ at position ${i + 1}`);
      push(parseClass(glob.slice(i + 1, end), i + 1));
      i = end;
    } else if (c === "{") {
      if (group) throw new GlobError(`nested { at position ${i + 1}: alternatives cannot contain alternatives`);
      group = { options: [[]], at: i + 1 };
    } else if (c === "," && group) {
      group.options.push([]);
    } else if (c === "}" && group) {
      alternatives += group.options.length;
      if (alternatives > MAX_GLOB_ALTERNATIVES) throw new GlobError(`more than ${MAX_GLOB_ALTERNATIVES} {…} alternatives`);
      const options = group.options;
      group = null;
      push({ kind: "alt", options });
    } else if (c === "]" || c === "}") throw new GlobError(`unmatched ${c} at position ${i + 1}`);
    else push({ kind: "char", c });
  }
  if (group) throw new GlobError(`unclosed { at position ${group.at}`);
  return top;
}

function parseClass(body: string, at: number): Item {
  const negated = body.startsWith("!") || body.startsWith("^");
  const chars = negated ? body.slice(1) : body;
  if (chars === "") throw new GlobError(`empty [] at position ${at}`);
  const ranges: [string, string][] = [];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i + 1] === "-" && i + 2 < chars.length) {
      const [lo, hi] = [chars[i], chars[i + 2]];
      if (lo > hi) throw new GlobError(`range ${lo}-${hi} at position ${at} is reversed`);
      ranges.push([lo, hi]);
      i += 2;
    } else ranges.push([chars[i], chars[i]]);
  }
  return { kind: "class", ranges, negated };
}

/** Thompson construction, right to left: returns the state that starts `items` and continues at `next`. */
function build(items: Item[], next: number, states: State[]): number {
  let start = next;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    const add = (state: State) => states.push(state) - 1;
    if (item.kind === "char") start = add({ kind: "char", c: item.c, out: start });
    else if (item.kind === "any") start = add({ kind: "any", out: start });
    else if (item.kind === "class") start = add({ kind: "class", ranges: item.ranges, negated: item.negated, out: start });
    else if (item.kind === "star") {
      const split = add({ kind: "split", outs: [] });
      const any = add({ kind: "any", out: split });
      (states[split] as { outs: number[] }).outs.push(any, start);
      start = split;
    } else {
      const outs = item.options.map((option) => build(option, start, states));
      start = add({ kind: "split", outs });
    }
  }
  return start;
}

/** DFA states kept per glob before the cache starts over: bounds memory whatever the pattern. */
const MAX_DFA_STATES = 10_000;

/**
 * The NFA run as a lazily built DFA: each set of NFA states met is numbered once and its
 * transitions cached per character, so matching a name costs one array lookup per character
 * after warm-up (100,000 names share the cache), and never more than one NFA step.
 */
class LazyDfa {
  // Transitions per ASCII code (metric names are ASCII); -1 until computed. Other characters are stepped uncached.
  private sets: { states: number[]; accepts: boolean; next: Int32Array }[] = [];
  private ids = new Map<string, number>();
  private readonly seen: Int32Array;
  private mark = 0;

  constructor(
    private readonly nfa: State[],
    private readonly start: number,
  ) {
    this.seen = new Int32Array(nfa.length);
    this.reset();
  }

  test(name: string): boolean {
    let current = 0;
    for (let i = 0; i < name.length; i++) {
      const code = name.charCodeAt(i);
      let next = code < 128 ? this.sets[current].next[code] : -1;
      if (next === -1) {
        if (this.sets.length >= MAX_DFA_STATES) {
          const states = this.sets[current].states;
          this.reset();
          current = this.intern(states);
        }
        next = this.intern(this.step(this.sets[current].states, name[i]));
        if (code < 128) this.sets[current].next[code] = next;
      }
      current = next;
      if (this.sets[current].states.length === 0) return false;
    }
    return this.sets[current].accepts;
  }

  private reset(): void {
    this.sets = [];
    this.ids = new Map();
    this.intern(this.closure([this.start]));
  }

  private intern(states: number[]): number {
    const key = states.join(",");
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.sets.push({ states, accepts: states.some((s) => this.nfa[s].kind === "match"), next: new Int32Array(128).fill(-1) }) - 1;
    this.ids.set(key, id);
    return id;
  }

  private step(states: number[], c: string): number[] {
    const targets: number[] = [];
    for (const id of states) {
      const state = this.nfa[id];
      if (state.kind !== "match" && state.kind !== "split" && consumes(state, c)) targets.push(state.out);
    }
    return this.closure(targets);
  }

  /** The consuming and match states reachable from `from` through splits, sorted (the set's key). */
  private closure(from: number[]): number[] {
    const mark = ++this.mark;
    const out: number[] = [];
    const visit = (id: number) => {
      if (this.seen[id] === mark) return;
      this.seen[id] = mark;
      const state = this.nfa[id];
      if (state.kind === "split") for (const next of state.outs) visit(next);
      else out.push(id);
    };
    for (const id of from) visit(id);
    return out.sort((a, b) => a - b);
  }
}

function consumes(state: Exclude<State, { kind: "split" | "match" }>, c: string): boolean {
  if (c === ".") return state.kind === "char" && state.c === ".";
  if (state.kind === "char") return state.c === c;
  if (state.kind === "any") return true;
  const inside = state.ranges.some(([lo, hi]) => c >= lo && c <= hi);
  return inside !== state.negated;
}

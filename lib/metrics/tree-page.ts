/** A branch of the dotted-name tree: a prefix such as `auth.api` and how many metrics lie beneath it. */
export interface TreeBranch {
  segment: string;
  prefix: string;
  count: number;
  /** True when the branch has branches of its own (else only metrics, which the list shows). */
  hasChildren: boolean;
  /** Loaded children, when the branch arrives expanded. */
  children?: TreeBranch[];
}

export interface TreePage {
  prefix: string;
  branches: TreeBranch[];
  /** Branches at this level in all; more than `branches.length` means there are further pages. */
  total: number;
  offset: number;
}

/**
 * One page of the branches directly under `prefix` ("" for the top), in name order, from
 * `names` in ascending order (as the store lists them). One pass over the names beneath the
 * prefix, found by binary search, so a level of 20,000 metrics costs milliseconds; leaves (the
 * metrics themselves) are left out, the list beside the tree shows them.
 */
export function treeLevel(names: readonly string[], prefix: string, offset = 0, limit = 100): TreePage {
  const start = prefix ? `${prefix}.` : "";
  const level = new Map<string, { count: number; hasChildren: boolean }>();
  for (let i = lowerBound(names, start); i < names.length; i++) {
    const name = names[i];
    if (!name.startsWith(start)) break;
    const rest = name.slice(start.length);
    const dot = rest.indexOf(".");
    if (dot === -1) continue;
    const segment = rest.slice(0, dot);
    const entry = level.get(segment) ?? { count: 0, hasChildren: false };
    entry.count++;
    if (rest.indexOf(".", dot + 1) !== -1) entry.hasChildren = true;
    level.set(segment, entry);
  }
  const all = [...level.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const branches = all.slice(offset, offset + limit).map(([segment, e]) => ({ segment, prefix: start + segment, count: e.count, hasChildren: e.hasChildren }));
  return { prefix, branches, total: all.length, offset };
}

function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The tree as it first arrives: levels expanded breadth-first while the whole stays within
 * `budget` branches, so a small catalogue opens fully and a large one shows its top level only.
 */
export function initialTree(names: readonly string[], budget = 150, pageSize = 100): TreePage {
  const top = treeLevel(names, "", 0, pageSize);
  let shown = top.branches.length;
  let frontier: TreeBranch[] = top.branches;
  while (frontier.length > 0) {
    // A whole level opens or none of it, so the tree never arrives lopsided.
    const opened = frontier.filter((b) => b.hasChildren).map((branch) => ({ branch, level: treeLevel(names, branch.prefix, 0, pageSize) }));
    const added = opened.reduce((n, o) => n + o.level.branches.length, 0);
    if (shown + added > budget || opened.some((o) => o.level.total > o.level.branches.length)) break;
    for (const { branch, level } of opened) branch.children = level.branches;
    shown += added;
    frontier = opened.flatMap((o) => o.level.branches);
  }
  return top;
}

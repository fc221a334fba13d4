/** A branch of the dotted-name tree: a prefix such as `auth.api` and how many metrics lie beneath it. */
export interface NameBranch {
  segment: string;
  prefix: string;
  count: number;
  children: NameBranch[];
}

/**
 * Groups dotted names into a tree of their prefixes. Leaves (the metrics themselves) are left
 * out: the list beside the tree shows them, and 10,000 leaves would bury the structure.
 */
export function nameTree(names: string[]): NameBranch[] {
  const root: NameBranch = { segment: "", prefix: "", count: 0, children: [] };
  const index = new Map<string, NameBranch>();
  for (const name of names) {
    const segments = name.split(".");
    let parent = root;
    for (let depth = 1; depth < segments.length; depth++) {
      const prefix = segments.slice(0, depth).join(".");
      let branch = index.get(prefix);
      if (!branch) {
        branch = { segment: segments[depth - 1], prefix, count: 0, children: [] };
        index.set(prefix, branch);
        parent.children.push(branch);
      }
      branch.count += 1;
      parent = branch;
    }
  }
  sortTree(root.children);
  return root.children;
}

function sortTree(branches: NameBranch[]): void {
  branches.sort((a, b) => a.segment.localeCompare(b.segment));
  for (const b of branches) sortTree(b.children);
}

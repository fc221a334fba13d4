import "server-only";
import { badRequest } from "@/lib/http/api-error";
import { compileGlob, isGlob, literalPrefix, type CompiledGlob } from "@/lib/metrics/glob";
import { scanMetricNames } from "@/lib/metrics/scan-names";
import type { Store } from "@/lib/store/types";

/** One node of the metric tree as graphite-web's `format=treejson` lists it (metrics/views.py tree_json). */
export interface TreeNode {
  text: string;
  id: string;
  allowChildren: 0 | 1;
  expandable: 0 | 1;
  leaf: 0 | 1;
}

export const MAX_FIND_NODES = 10_000;

/** Nodes at the depth of `query` whose path matches it: leaves are metrics, branches have metrics below. */
export async function findNodes(store: Store, query: string): Promise<{ path: string; leaf: boolean; branch: boolean }[]> {
  if (query.trim() === "") throw badRequest("Required parameter 'query' is empty", [{ where: "query", message: "empty" }]);
  if (query.length > 500) throw badRequest("query is longer than 500 characters", [{ where: "query", message: "too long" }]);
  let glob: CompiledGlob | null = null;
  if (isGlob(query)) {
    try {
      glob = compileGlob(query);
    } catch (error) {
      throw badRequest(`"${query}" is not a valid glob: ${(error as Error).message}`, [{ where: "query", message: (error as Error).message }]);
    }
  }
  const depth = query.split(".").length;
  const nodes = new Map<string, { path: string; leaf: boolean; branch: boolean }>();
  for await (const name of scanMetricNames({ listNames: (filter) => store.listMetricNames(filter) }, literalPrefix(query))) {
    const segments = name.split(".");
    if (segments.length < depth) continue;
    const path = segments.slice(0, depth).join(".");
    if (glob ? !glob.test(path) : path !== query) continue;
    const node = nodes.get(path) ?? { path, leaf: false, branch: false };
    if (segments.length === depth) node.leaf = true;
    else node.branch = true;
    nodes.set(path, node);
    if (nodes.size > MAX_FIND_NODES) throw badRequest(`"${query}" matches more than ${MAX_FIND_NODES} nodes: narrow it`);
  }
  return [...nodes.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * `/metrics/find` in graphite-web's default treejson shape: ids are the query's base path plus the
 * node's name, nodes with the same name appear once, branches before leaves, each sorted by name;
 * `wildcards` adds a `*` node first when several match.
 */
export function treeJson(query: string, found: { path: string; leaf: boolean; branch: boolean }[], wildcards: boolean): TreeNode[] {
  const basePath = query.includes(".") ? query.slice(0, query.lastIndexOf(".") + 1) : "";
  const branch = { allowChildren: 1, expandable: 1, leaf: 0 } as const;
  const leaf = { allowChildren: 0, expandable: 0, leaf: 1 } as const;
  const seen = new Set<string>();
  const branches: TreeNode[] = [];
  const leaves: TreeNode[] = [];
  for (const node of [...found].sort((a, b) => (nodeName(a.path) < nodeName(b.path) ? -1 : 1))) {
    const text = nodeName(node.path);
    if (seen.has(text)) continue;
    seen.add(text);
    if (node.branch) branches.push({ text, id: basePath + text, ...branch });
    else leaves.push({ text, id: basePath + text, ...leaf });
  }
  const wildcard: TreeNode[] = wildcards && found.length > 1 ? [{ text: "*", id: `${basePath}*`, ...(found.some((n) => n.branch) ? branch : leaf) }] : [];
  return [...wildcard, ...branches, ...leaves];
}

function nodeName(path: string): string {
  return path.slice(path.lastIndexOf(".") + 1);
}

"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { Link } from "@/components/link";
import { useState } from "react";
import { fetchJson } from "@/components/hooks/fetch-json";
import type { TreeBranch, TreePage } from "@/lib/metrics/tree-page";

/**
 * The dotted-name tree, loaded a level (and a page of 100 branches) at a time from
 * /api/v1/metrics/tree as branches open, so 20,000 names never reach the page at once.
 */
export function LazyNameTree({ initial, q }: { initial: TreePage; q: string }) {
  return <Level prefix="" q={q} initial={initial} depth={0} />;
}

function Level({ prefix, q, initial, depth }: { prefix: string; q: string; initial?: TreePage; depth: number }) {
  const query = useInfiniteQuery({
    queryKey: ["metric-tree", prefix, q],
    queryFn: ({ pageParam }) => fetchJson<TreePage>(`/api/v1/metrics/tree?${new URLSearchParams({ prefix, q, offset: String(pageParam), limit: "100" })}`),
    initialPageParam: 0,
    getNextPageParam: (last) => (last.offset + last.branches.length < last.total ? last.offset + last.branches.length : undefined),
    initialData: initial ? { pages: [initial], pageParams: [0] } : undefined,
    refetchInterval: false,
    staleTime: 60_000,
  });
  if (query.isPending) return <p className="ml-3 text-xs text-slate-400">loading…</p>;
  if (query.error) return <p className="ml-3 text-xs text-red-600">Could not load: {query.error.message}</p>;
  const pages = query.data.pages;
  const branches = pages.flatMap((p) => p.branches);
  const total = pages[0]?.total ?? 0;
  return (
    <ul className={depth === 0 ? "space-y-0.5 text-sm" : "ml-3 space-y-0.5 border-l border-slate-200 pl-2"}>
      {branches.map((b) => (
        <Branch key={b.prefix} branch={b} q={q} depth={depth} />
      ))}
      {query.hasNextPage && (
        <li>
          <button type="button" onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage} className="text-xs text-indigo-700 hover:underline" data-more={prefix}>
            {query.isFetchingNextPage ? "loading…" : `${total - branches.length} more…`}
          </button>
        </li>
      )}
    </ul>
  );
}

function Branch({ branch, q, depth }: { branch: TreeBranch; q: string; depth: number }) {
  const [open, setOpen] = useState(branch.children !== undefined);
  if (!branch.hasChildren) {
    return (
      <li data-prefix={branch.prefix}>
        <BranchLink branch={branch} />
      </li>
    );
  }
  return (
    <li data-prefix={branch.prefix}>
      <details open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
        <summary className="cursor-pointer list-inside marker:text-slate-400">
          <BranchLink branch={branch} />
        </summary>
        {open && <Level prefix={branch.prefix} q={q} depth={depth + 1} initial={branch.children ? { prefix: branch.prefix, branches: branch.children, total: branch.children.length, offset: 0 } : undefined} />}
      </details>
    </li>
  );
}

function BranchLink({ branch }: { branch: TreeBranch }) {
  return (
    <Link href={`/metrics?q=${encodeURIComponent(`${branch.prefix}.`)}`} className="inline-flex gap-1.5 text-slate-700 hover:text-indigo-700">
      <span className="font-mono">{branch.segment}</span>
      <span className="text-xs tabular-nums text-slate-400">{branch.count.toLocaleString("en-US")}</span>
    </Link>
  );
}

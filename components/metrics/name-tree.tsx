import Link from "next/link";
import type { NameBranch } from "@/lib/metrics/tree";

/** Branches shown per level: one service with 40,000 distinct names must not mean 40,000 list items. */
const MAX_BRANCHES = 100;

/** The dotted-name prefixes with metric counts; each segment folds open, each prefix filters the list. */
export function NameTree({ branches, depth = 0 }: { branches: NameBranch[]; depth?: number }) {
  if (branches.length === 0) return null;
  const hidden = branches.length - MAX_BRANCHES;
  return (
    <ul className={depth === 0 ? "space-y-0.5 text-sm" : "ml-3 space-y-0.5 border-l border-slate-200 pl-2"}>
      {hidden > 0 && <li className="text-xs text-slate-400">{branches.length.toLocaleString("en-US")} branches; the first {MAX_BRANCHES} shown — search to narrow</li>}
      {branches.slice(0, MAX_BRANCHES).map((b) => (
        <li key={b.prefix} data-prefix={b.prefix}>
          {b.children.length === 0 ? (
            <BranchLink branch={b} />
          ) : (
            <details open={depth === 0}>
              <summary className="cursor-pointer list-inside marker:text-slate-400">
                <BranchLink branch={b} />
              </summary>
              <NameTree branches={b.children} depth={depth + 1} />
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}

function BranchLink({ branch }: { branch: NameBranch }) {
  return (
    <Link href={`/metrics?q=${encodeURIComponent(`${branch.prefix}.`)}`} className="inline-flex gap-1.5 text-slate-700 hover:text-indigo-700">
      <span className="font-mono">{branch.segment}</span>
      <span className="text-xs tabular-nums text-slate-400">{branch.count.toLocaleString("en-US")}</span>
    </Link>
  );
}

import type { Metadata } from "next";
import { Link } from "@/components/link";
import { EmptyState } from "@/components/empty-state";
import { LazyNameTree } from "@/components/metrics/lazy-name-tree";
import { NewAfterDeploys } from "@/components/metrics/new-after-deploys";
import { newMetricsSinceDeploys } from "@/lib/metrics/new-since-deploys";
import { MAX_GLOB_LENGTH } from "@/lib/metrics/glob";
import { searchNames } from "@/lib/metrics/search";
import { initialTree } from "@/lib/metrics/tree-page";
import { getMetricsSource } from "@/lib/metrics-source";
import { isHistogramBucket } from "@/lib/series/derived-read";
import { getStore } from "@/lib/store";
import { MetricList } from "./client";
import { CommandExample } from "@/components/command-example";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Metrics" };

const PAGE_SIZE = 50;
const RECENT_DEPLOY_GROUPS = 8;

type Props = { searchParams: Promise<{ q?: string | string[]; page?: string | string[] }> };

export default async function MetricsPage({ searchParams }: Props) {
  const params = await searchParams;
  const q = [params.q].flat()[0] ?? "";
  const [store, source] = await Promise.all([getStore(), getMetricsSource()]);
  // Names only for searching and counting; whole rows for the one page shown.
  const [all, appearances] = await Promise.all([source.listNames().then((names) => names.map((name) => ({ name }))), newMetricsSinceDeploys(store, { from: Date.now() - 30 * 86_400_000, limit: PAGE_SIZE })]);
  const { matches, problem } = searchNames(all, q);
  const pages = Math.max(1, Math.ceil(matches.length / PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number.parseInt([params.page].flat()[0] ?? "1", 10) || 1));
  // Only one page reaches the client, so 10,000 metrics never mean 10,000 rows or sparklines.
  const shown = matches.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((m) => m.name);
  const rows = new Map((await source.seriesNamed(shown)).map((m) => [m.name, m]));
  const visible = shown.flatMap((name) => rows.get(name) ?? []);
  const pageHref = (p: number) => `/metrics?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Metrics</h1>
          <p className="text-sm text-slate-500">{all.length.toLocaleString("en-US")} metrics · created on first write</p>
        </div>
        <div className="flex items-center gap-4 text-sm">
          <Link href="/metrics/chart" className="text-indigo-700 hover:underline">
            custom chart →
          </Link>
          <Link href="/ingest" className="text-indigo-700 hover:underline">
            ingest status →
          </Link>
        </div>
      </div>
      {all.length === 0 ? (
        <EmptyState title="No metrics yet">
          Metrics appear as soon as they are written, over HTTP, Graphite (TCP) or StatsD (UDP), e.g.
          <CommandExample>{`deploylines send auth.api.latency.p95 42\necho "auth.api.requests 5 $(date +%s)" | nc localhost 2003`}</CommandExample>
        </EmptyState>
      ) : (
        <>
          <NewAfterDeploys groups={appearances.deploys.slice(0, RECENT_DEPLOY_GROUPS)} checked={appearances.checked} />
          <form action="/metrics" className="flex gap-2">
            <input
              name="q"
              defaultValue={q}
              maxLength={MAX_GLOB_LENGTH}
              placeholder="search: text, or a glob such as auth.*.latency.*"
              aria-label="search metrics"
              className="w-full max-w-xl rounded border border-slate-300 px-3 py-1.5 font-mono text-sm"
            />
            <button type="submit" className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white">
              Search
            </button>
            {q && (
              <Link href="/metrics" className="self-center text-sm text-slate-500 hover:underline">
                clear
              </Link>
            )}
          </form>
          <div className="grid gap-6 lg:grid-cols-[16rem_1fr]">
            <aside className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" aria-label="metric name tree">
              <h2 className="mb-2 text-xs font-medium uppercase tracking-wide text-slate-500">names</h2>
              {matches.length === 0 ? <p className="text-sm text-slate-400">nothing matches</p> : <LazyNameTree q={q} initial={initialTree(matches.map((m) => m.name))} />}
            </aside>
            <section className="space-y-3">
              <p className="text-sm text-slate-500" data-testid="match-count">
                {matches.length.toLocaleString("en-US")} {matches.length === 1 ? "metric" : "metrics"}
                {q && <> matching <code className="font-mono">{q.slice(0, 100)}</code></>}
                {pages > 1 && ` · page ${page} of ${pages}`}
              </p>
              {problem ? (
                <p role="alert" className="rounded border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">
                  {problem}
                </p>
              ) : matches.length === 0 ? (
                <EmptyState title={`No metric matches "${q.slice(0, 100)}"`}>Globs match one dotted segment per wildcard; plain text matches anywhere in the name.</EmptyState>
              ) : (
                <MetricList
                  metrics={visible.map(({ name, kind, unit, firstSeen, lastSeen, lastTs, lastValue }) => ({ name, kind, unit: valueUnit(kind, unit), firstSeen, lastSeen, lastTs, lastValue }))}
                />
              )}
              {pages > 1 && (
                <nav className="flex items-center gap-3 text-sm" aria-label="pages">
                  {page > 1 && <Link href={pageHref(page - 1)} className="text-indigo-700 hover:underline">← previous</Link>}
                  <span className="text-slate-500">
                    {page} / {pages}
                  </span>
                  {page < pages && <Link href={pageHref(page + 1)} className="text-indigo-700 hover:underline">next →</Link>}
                </nav>
              )}
            </section>
          </div>
        </>
      )}
    </div>
  );
}

/** The unit a series' stored value is in: a histogram bucket's unit is its bound's (`le`), its value a count of observations. */
function valueUnit(kind: string, unit: string | null): string | null {
  return isHistogramBucket(kind) ? null : unit;
}

import type { Metadata } from "next";
import { Link } from "@/components/link";
import { DataTable, type DataColumn } from "@/components/data-table";
import { EmptyState } from "@/components/empty-state";
import { StatusBadge } from "@/components/status-badge";
import { HISTORY_PAGE_SIZE, historyQuerySchema, type HistoryQuery } from "@/lib/deploys/history-query";
import { deploymentKindSchema, deploymentStatusSchema } from "@/lib/deploys/schema";
import { getStore } from "@/lib/store";
import { formatDuration } from "@/lib/time/parse-duration";
import { timeAgo } from "@/lib/ui/format";
import { CommandExample } from "@/components/command-example";
import { LocalTime } from "@/components/local-time";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Deployments" };

const COLUMNS: DataColumn[] = [
  { key: "id", label: "#" },
  { key: "service", label: "Service" },
  { key: "environment", label: "Environment" },
  { key: "version", label: "Version" },
  { key: "status", label: "Status" },
  { key: "verdict", label: "Verdict" },
  { key: "who", label: "Who" },
  { key: "started", label: "Started" },
  { key: "took", label: "Took" },
];

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DeploymentsPage({ searchParams }: Props) {
  const parsed = historyQuerySchema.safeParse(await searchParams);
  const query: HistoryQuery = parsed.success ? parsed.data : { page: 1 };
  const store = await getStore();
  const filter = { service: query.service, environment: query.environment, status: query.status, kind: query.kind };
  const [rows, total, services, order, recent] = await Promise.all([
    store.listDeployments({ ...filter, limit: HISTORY_PAGE_SIZE, offset: (query.page - 1) * HISTORY_PAGE_SIZE }),
    store.countDeployments(filter),
    store.listServices(),
    store.listEnvironments(),
    store.listDeployments({ limit: 1000 }),
  ]);
  // The promotion order first, then environments outside it that deploys went to (e.g. a dark launch).
  const environments = [...new Set([...order.map((e) => e.name), ...recent.map((d) => d.environment), ...(query.environment ? [query.environment] : [])])];
  const pages = Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
  const filtered = Object.values(filter).some(Boolean);
  const pageHref = (page: number) => `/deployments?${new URLSearchParams(Object.entries({ ...filter, page: String(page) }).filter((e): e is [string, string] => Boolean(e[1])))}`;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Deployments</h1>
        <p className="text-sm text-slate-500">
          {total} {filtered ? "matching" : "recorded"} · newest first
        </p>
      </div>
      <form method="get" action="/deployments" className="flex flex-wrap items-end gap-3 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm">
        <Select name="service" label="Service" value={query.service} options={[...new Set([...services.map((s) => s.name), ...(query.service ? [query.service] : [])])]} />
        <Select name="environment" label="Environment" value={query.environment} options={environments} />
        <Select name="status" label="Status" value={query.status} options={deploymentStatusSchema.options} />
        <Select name="kind" label="Kind" value={query.kind} options={deploymentKindSchema.options} />
        <button type="submit" className="rounded bg-indigo-600 px-3 py-1 font-medium text-white">
          Filter
        </button>
        {filtered && (
          <Link href="/deployments" className="py-1 text-indigo-700 hover:underline">
            clear
          </Link>
        )}
      </form>
      {!parsed.success && (
        <p className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-800">
          Ignored invalid filters: {parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}
        </p>
      )}
      {rows.length === 0 ? (
        <EmptyState title={filtered ? "No deploys match these filters" : "No deploys recorded yet"}>
          {filtered ? (
            <Link href="/deployments" className="text-indigo-700 hover:underline">
              show all deploys
            </Link>
          ) : (
            <CommandExample>{`deploylines deploy --service auth --environment prod --version 1.0.0`}</CommandExample>
          )}
        </EmptyState>
      ) : (
        <DataTable
          label="deployments"
          columns={COLUMNS}
          note={pages > 1 ? "Sorting orders this page; the pages run newest first." : undefined}
          rows={rows.map((d) => {
            const took = d.finishedAt ? d.finishedAt - d.startedAt : null;
            return {
              key: d.id,
              attrs: { "data-deployment-id": d.id },
              sort: { id: d.id, service: d.service, environment: d.environment, version: d.version, status: d.status, verdict: d.verdictStatus, who: d.author, started: d.startedAt, took },
              cells: {
                id: (
                  <Link href={`/deployments/${d.id}`} className="text-indigo-700 hover:underline">
                    #{d.id}
                  </Link>
                ),
                service: d.service,
                environment: d.environment,
                version: (
                  <span className="whitespace-nowrap font-mono">
                    {d.previousVersion && <span className="text-slate-400">{d.previousVersion} → </span>}
                    {d.version}
                    {d.warnings && d.warnings.length > 0 && (
                      <span className="ml-1 text-amber-600" title={d.warnings.join("\n")}>
                        ⚠
                      </span>
                    )}
                  </span>
                ),
                status: (
                  <span className="inline-flex gap-1">
                    {d.kind === "rollback" && <StatusBadge status="rollback" />}
                    <StatusBadge status={d.status} />
                  </span>
                ),
                verdict: <StatusBadge status={d.verdictStatus} />,
                who: d.author ?? "—",
                started: (
                  <span className="whitespace-nowrap" title={timeAgo(d.startedAt)}>
                    <LocalTime ts={d.startedAt} />
                  </span>
                ),
                took: (
                  <span className="whitespace-nowrap text-slate-600">
                    {took !== null ? formatDuration(took) : d.status === "in_progress" ? `${d.instancesDone ?? 0}/${d.instancesTotal ?? "?"} …` : "—"}
                  </span>
                ),
              },
            };
          })}
        />
      )}
      {pages > 1 && (
        <nav className="flex items-center justify-between text-sm" aria-label="pages">
          {query.page > 1 ? (
            <Link href={pageHref(query.page - 1)} className="text-indigo-700 hover:underline" rel="prev">
              ← newer
            </Link>
          ) : (
            <span />
          )}
          <span className="text-slate-500">
            page {query.page} of {pages}
          </span>
          {query.page < pages ? (
            <Link href={pageHref(query.page + 1)} className="text-indigo-700 hover:underline" rel="next">
              older →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </div>
  );
}

function Select({ name, label, value, options }: { name: string; label: string; value?: string; options: readonly string[] }) {
  return (
    <label className="flex flex-col text-xs text-slate-500">
      {label}
      <select name={name} defaultValue={value ?? ""} className="mt-0.5 rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-800">
        <option value="">any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o.replace("_", " ")}
          </option>
        ))}
      </select>
    </label>
  );
}

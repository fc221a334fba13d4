import type { Metadata } from "next";
import { Link } from "@/components/link";
import { DataTable, type DataRow } from "@/components/data-table";
import { EmptyState } from "@/components/empty-state";
import { StatusBadge } from "@/components/status-badge";
import { isSignedIn } from "@/lib/auth/session";
import { serviceBuilds, type BuildView, type ServiceBuilds } from "@/lib/builds/catalog";
import { getStore } from "@/lib/store";
import { safeHref } from "@/lib/urls/web-url";
import { formatTimeUtc, timeAgo } from "@/lib/ui/format";
import { RetentionForm } from "./client";
import { CommandExample } from "@/components/command-example";
import { LocalTime } from "@/components/local-time";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Builds" };

type Props = { searchParams: Promise<{ service?: string }> };

export default async function BuildsPage({ searchParams }: Props) {
  const { service } = await searchParams;
  const store = await getStore();
  const [catalog, order, signedIn] = await Promise.all([serviceBuilds(store, { service }), store.listEnvironments(), isSignedIn()]);
  const withBuilds = catalog.filter((s) => s.builds.length > 0);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Builds{service ? ` of ${service}` : ""}</h1>
        <p className="text-sm text-slate-500">
          promotion order {order.map((e) => e.name).join(" → ")} · kept = newest N ∪ live ∪ last known good per environment
        </p>
      </div>
      {withBuilds.length === 0 ? (
        <EmptyState title={service ? `No builds recorded for ${service}` : "No builds recorded yet"}>
          <p>Record each build from the pipeline, then deploy it; retention and promotion show up here:</p>
          <CommandExample>
            {`deploylines build --service auth --version 1.4.0 --commit abc123 --branch main`}
          </CommandExample>
        </EmptyState>
      ) : (
        withBuilds.map((s) => <ServiceBuildsTable key={s.service} data={s} signedIn={signedIn} />)
      )}
    </div>
  );
}

function ServiceBuildsTable({ data, signedIn }: { data: ServiceBuilds; signedIn: boolean }) {
  const prunable = data.builds.filter((b) => b.prunable).length;
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm" data-service={data.service}>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
        <div className="flex items-baseline gap-3">
          <Link href={`/services/${encodeURIComponent(data.service)}`} className="text-lg font-semibold text-indigo-700 hover:underline">
            {data.service}
          </Link>
          <span className="text-sm text-slate-500">
            {data.builds.length} builds · {data.builds.length - prunable} kept · {prunable} prunable
          </span>
        </div>
        <RetentionForm service={data.service} keepBuilds={data.keepBuilds} signedIn={signedIn} />
      </div>
      <DataTable
        bare
        label={`builds of ${data.service}`}
        columns={[
          { key: "version", label: "Version" },
          { key: "commit", label: "Commit" },
          { key: "branch", label: "Branch" },
          { key: "author", label: "Author" },
          { key: "built", label: "Built" },
          ...data.environments.map((env) => ({ key: `env:${env}`, label: env })),
          { key: "retention", label: "Retention" },
          { key: "promotion", label: "Promotion" },
        ]}
        rows={data.builds.map((b) => buildRow(b, data.environments))}
      />
    </section>
  );
}

function buildRow(build: BuildView, environments: string[]): DataRow {
  const cells: DataRow["cells"] = {
    version: (
      <span className="font-mono font-medium text-slate-900">
        {safeHref(build.ciUrl) ? (
          <a href={safeHref(build.ciUrl)} className="hover:underline" title="CI run" target="_blank" rel="noreferrer">
            {build.version}
          </a>
        ) : (
          build.version
        )}
      </span>
    ),
    commit: <span className="font-mono text-xs">{build.commit?.slice(0, 10) ?? "—"}</span>,
    branch: build.branch ?? "—",
    author: build.author ?? "—",
    built: (
      <span className="whitespace-nowrap">
        <LocalTime ts={build.createdAt}>{timeAgo(build.createdAt)}</LocalTime>
      </span>
    ),
    retention: build.kept ? (
      <span className="inline-flex flex-col gap-0.5">
        <span className="inline-flex w-fit items-center rounded bg-emerald-50 px-1.5 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-inset ring-emerald-200">kept</span>
        <span className="text-xs text-slate-500">{build.keptBecause.join(" · ")}</span>
      </span>
    ) : (
      <span className="inline-flex items-center rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-600 ring-1 ring-inset ring-slate-200">prunable</span>
    ),
    promotion:
      build.flags.length === 0 ? (
        <span className="text-xs text-slate-400">in order</span>
      ) : (
        <ul className="space-y-0.5 text-xs text-amber-700" data-flags>
          {build.flags.map((f) => (
            <li key={f}>⚠ {f}</li>
          ))}
        </ul>
      ),
  };
  const sort: DataRow["sort"] = { version: build.version, commit: build.commit, branch: build.branch, author: build.author, built: build.createdAt, retention: build.kept ? 0 : 1, promotion: build.flags.length };
  for (const env of environments) {
    const reached = build.environments.find((e) => e.environment === env);
    sort[`env:${env}`] = reached ? reached.status : null;
    cells[`env:${env}`] = {
      attrs: { "data-env": env },
      content: reached ? (
        <Link href={`/deployments/${reached.deploymentId}`} className="inline-flex gap-1 whitespace-nowrap hover:opacity-80" title={`deployment #${reached.deploymentId}, ${formatTimeUtc(reached.startedAt)}`}>
          <StatusBadge status={reached.kind === "rollback" ? "rollback" : reached.status} />
          <StatusBadge status={reached.verdict} title="verdict" />
        </Link>
      ) : (
        <span className="whitespace-nowrap text-xs text-slate-400">not deployed</span>
      ),
    };
  }
  return {
    key: build.id,
    attrs: { "data-build-version": build.version, "data-kept": build.kept ? "true" : "false" },
    className: build.prunable ? "text-slate-500" : undefined,
    sort,
    cells,
  };
}

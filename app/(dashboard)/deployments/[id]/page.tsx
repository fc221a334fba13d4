import type { Metadata } from "next";
import { Link } from "@/components/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { EmptyState } from "@/components/empty-state";
import { StatusBadge } from "@/components/status-badge";
import { VerdictPanel } from "@/components/verdict-panel";
import { RollbackAction } from "@/components/deploys/rollback-action";
import { isSignedIn } from "@/lib/auth/session";
import type { DeployCommits } from "@/lib/deploys/commits";
import { deploymentDetail } from "@/lib/deploys/detail";
import type { DeploymentView } from "@/lib/deploys/present";
import { getStore } from "@/lib/store";
import { safeHref } from "@/lib/urls/web-url";
import { formatDuration } from "@/lib/time/parse-duration";
import { timeAgo } from "@/lib/ui/format";
import { LocalTime } from "@/components/local-time";
import { DeploymentCharts } from "./client";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Deployment #${(await params).id}` };
}

export default async function DeploymentPage({ params }: Props) {
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const [detail, signedIn] = await Promise.all([deploymentDetail(await getStore(), id), isSignedIn()]);
  if (!detail) notFound();
  const { deployment: d, build, events, chart } = detail;
  const serviceHref = `/services/${encodeURIComponent(d.service)}`;

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-500">
          <Link href="/deployments" className="hover:underline">
            Deployments
          </Link>
          <span>/</span>
          <span>#{d.id}</span>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">
            <Link href={serviceHref} className="text-indigo-700 hover:underline">
              {d.service}
            </Link>{" "}
            <span className="font-mono">{d.version}</span> → {d.environment}
          </h1>
          {d.kind === "rollback" && <StatusBadge status="rollback" />}
          <StatusBadge status={d.status} title="deploy status" />
          <StatusBadge status={d.verdict.status} title="verdict" />
        </div>
        {/* Only the environment's live deploy rolls back (the API answers 409 for one replaced since). */}
        {!detail.next && d.status !== "rolled_back" &&
          (signedIn ? (
            <RollbackAction deploymentId={d.id} version={d.version} environment={d.environment} />
          ) : (
            <p className="text-sm text-slate-500">
              <Link href="/login" className="text-indigo-700 hover:underline">
                Sign in
              </Link>{" "}
              to roll this deploy back.
            </p>
          ))}
        {d.warnings.length > 0 && (
          <ul className="rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800" data-warnings>
            {d.warnings.map((w) => (
              <li key={w}>⚠ {w}</li>
            ))}
          </ul>
        )}
      </div>

      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="Deploy">
          <Facts
            rows={[
              ["who", d.author ?? "—"],
              ["strategy", d.strategy],
              [
                "started",
                <>
                  <LocalTime ts={d.startedAt} withSeconds /> ({timeAgo(d.startedAt)})
                </>,
              ],
              [
                "finished",
                d.finishedAt ? (
                  <>
                    <LocalTime ts={d.finishedAt} withSeconds /> · took {formatDuration(d.finishedAt - d.startedAt)}
                  </>
                ) : (
                  "still running"
                ),
              ],
              ["from version", d.previousVersion ?? "—"],
              ["instances", d.instancesTotal ? `${d.instancesDone ?? 0}/${d.instancesTotal}` : "—"],
              ["commit", d.commit ? <span className="font-mono">{d.commit}</span> : "—"],
              ["source", d.source],
              ["description", d.description ?? "—"],
              ...(d.reason ? ([["reason", d.reason]] as [string, ReactNode][]) : []),
            ]}
          />
        </Card>
        <Card title="Build">
          {build ? (
            <Facts
              rows={[
                ["version", <span key="v" className="font-mono">{build.version}</span>],
                ["commit", build.commit ? <span className="font-mono">{build.commit}</span> : "—"],
                ["branch", build.branch ?? "—"],
                ["author", build.author ?? "—"],
                ["built", <LocalTime key="built" ts={build.createdAt} />],
                ["CI", build.ciUrl ? <ExternalLink href={build.ciUrl}>CI run</ExternalLink> : "—"],
                ["artifact", build.artifactUrl ? <ExternalLink href={build.artifactUrl}>{build.artifactUrl.split("/").pop()}</ExternalLink> : "—"],
              ]}
            />
          ) : (
            <p className="text-sm text-slate-500">
              No build recorded for {d.version}. Record builds with <code>deploylines build</code> to see commit, branch and CI here.
            </p>
          )}
        </Card>
        <Card title="Links & relations">
          <ul className="space-y-1 text-sm">
            <li>
              <Link href={`${serviceHref}?from=${chart.from}&to=${chart.to}`} className="text-indigo-700 hover:underline">
                {d.service} dashboard around this deploy
              </Link>
            </li>
            {detail.logUrl ? (
              <li>
                <ExternalLink href={detail.logUrl}>logs around this deploy</ExternalLink>
              </li>
            ) : (
              <li className="text-slate-500">no log search configured (PUT /api/v1/services/{d.service}/settings with logUrlTemplate)</li>
            )}
            {build?.ciUrl && (
              <li>
                <ExternalLink href={build.ciUrl}>CI run of {build.version}</ExternalLink>
              </li>
            )}
            {Object.entries(d.links ?? {}).map(([name, href]) => (
              <li key={name}>
                <ExternalLink href={href}>{name}</ExternalLink>
              </li>
            ))}
            {detail.rollbackOf && (
              <li data-rollback-of={detail.rollbackOf.id}>
                rollback of <DeployLink deploy={detail.rollbackOf} />
              </li>
            )}
            {detail.rolledBackBy.map((r) => (
              <li key={r.id} data-rolled-back-by={r.id}>
                rolled back by <DeployLink deploy={r} />
              </li>
            ))}
          </ul>
        </Card>
      </div>

      <CommitsSection commits={detail.commits} version={d.version} />

      <section id="verdict" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="mb-2 font-medium text-slate-800">Verdict</h2>
        <VerdictPanel deploymentId={d.id} />
      </section>

      <section className="space-y-2">
        <h2 className="font-medium text-slate-800">
          {d.service} around the deploy <span className="text-sm font-normal text-slate-500">(1 h before the start to 1 h after the finish)</span>
        </h2>
        {detail.metrics.length === 0 ? (
          <EmptyState title={`No metrics for ${d.service}`}>Metrics named {d.service}.… appear here once written.</EmptyState>
        ) : (
          <DeploymentCharts service={d.service} metrics={detail.metrics} from={chart.from} to={chart.to} deploymentId={d.id} />
        )}
      </section>

      <Card title="Progress">
        {events.length === 0 ? (
          <p className="text-sm text-slate-500">No progress events recorded.</p>
        ) : (
          <ol className="space-y-1 text-sm" data-events>
            {events.map((e) => (
              <li key={e.id} className="flex flex-wrap items-center gap-2">
                <span className="w-40 shrink-0 text-slate-500">
                  <LocalTime ts={e.ts} withSeconds />
                </span>
                <StatusBadge status={e.status} />
                {e.instancesTotal ? <span className="text-slate-600">{e.instancesDone ?? 0}/{e.instancesTotal} instances</span> : null}
                {e.message && <span className="text-slate-700">{e.message}</span>}
              </li>
            ))}
          </ol>
        )}
      </Card>

      <nav className="flex justify-between text-sm" aria-label={`deploys in ${d.environment}`}>
        {detail.previous ? (
          <span>
            ← previous in {d.environment}: <DeployLink deploy={detail.previous} />
          </span>
        ) : (
          <span className="text-slate-400">first deploy of {d.service} in {d.environment}</span>
        )}
        {detail.next ? (
          <span>
            next in {d.environment}: <DeployLink deploy={detail.next} /> →
          </span>
        ) : (
          <span className="text-slate-400">latest in {d.environment}</span>
        )}
      </nav>
    </div>
  );
}

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="mb-2 font-medium text-slate-800">{title}</h2>
      {children}
    </section>
  );
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[7rem_1fr] gap-x-3 gap-y-1 text-sm">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-500">{label}</dt>
          <dd className="break-words text-slate-800">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function DeployLink({ deploy }: { deploy: DeploymentView }) {
  return (
    <Link href={`/deployments/${deploy.id}`} className="font-mono text-indigo-700 hover:underline">
      #{deploy.id} {deploy.version} ({deploy.kind === "rollback" ? "rollback, " : ""}
      {deploy.status.replace("_", " ")}, <LocalTime ts={deploy.startedAt} />)
    </Link>
  );
}

/** A link out; anything but http(s) renders as text, never as a clickable href. */
function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  const safe = safeHref(href);
  if (!safe) return <span title={href}>{children}</span>;
  return (
    <a href={safe} target="_blank" rel="noreferrer" className="text-indigo-700 hover:underline">
      {children} ↗
    </a>
  );
}

/** The commits this deploy brought (or a rollback took out); on a failed or degraded verdict, the suspects. */
function CommitsSection({ commits, version }: { commits: DeployCommits; version: string }) {
  const suspect = commits.suspects && commits.direction === "added" && commits.commits.length > 0;
  const title = commits.direction === "removed" ? `Commits taken out (${commits.fromVersion} → ${version})` : `Commits ${commits.fromVersion ? `since ${commits.fromVersion}` : "in this build"}`;
  return (
    <section className={`rounded-lg border bg-white p-4 shadow-sm ${suspect ? "border-red-300" : "border-slate-200"}`} data-commits={commits.commits.length} data-suspects={suspect}>
      <div className="mb-2 flex flex-wrap items-baseline gap-2">
        <h2 className="font-medium text-slate-800">{title}</h2>
        {suspect && <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-700">suspects: the verdict failed or degraded</span>}
      </div>
      {commits.commits.length === 0 ? (
        <p className="text-sm text-slate-500">
          {commits.missing ?? "No commits recorded between these versions."} Record builds with <code>deploylines build --git</code> to list them.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {commits.commits.map((c) => (
            <li key={`${c.version}-${c.sha}`} className={`flex flex-wrap items-baseline gap-2 py-1 ${suspect ? "bg-red-50/50" : ""}`} data-commit={c.sha}>
              {c.url ? <ExternalLink href={c.url}>{c.sha.slice(0, 10)}</ExternalLink> : <span className="font-mono text-xs">{c.sha.slice(0, 10)}</span>}
              <span className="text-slate-800">{c.message}</span>
              <span className="text-xs text-slate-500">
                {c.author ?? ""}
                {c.at ? (
                  <>
                    {" · "}
                    <LocalTime ts={c.at} />
                  </>
                ) : null}
                {" · build "}
                {c.version}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

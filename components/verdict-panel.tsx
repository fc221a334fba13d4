"use client";

import { Link } from "@/components/link";
import { DataTable } from "@/components/data-table";
import type { RollbackTarget } from "@/lib/deploys/last-known-good";
import type { VerdictProgress } from "@/lib/verdicts/evaluate";
import type { RuleEvidence } from "@/lib/verdicts/judge-rule";
import type { VerdictScore } from "@/lib/verdicts/score";
import { formatDuration } from "@/lib/time/parse-duration";
import type { TimeRange } from "@/lib/time/time-range";
import { formatChange, formatValue } from "@/lib/ui/format";
import { LocalTime } from "@/components/local-time";
import { EmptyState } from "./empty-state";
import { useDeployment } from "./hooks/use-deployment";
import { useImpact } from "./hooks/use-impact";
import { useVerdict } from "./hooks/use-verdict";
import { StatusBadge } from "./status-badge";
import { TopMovers } from "./top-movers";

/** The verdict fields the API adds to a deployment beyond `{status, evidence, judgedAt}`. */
interface VerdictDetail {
  status: string;
  evidence: RuleEvidence[];
  judgedAt: number | null;
  window?: TimeRange;
  baseline?: TimeRange;
  windowEndsAt?: number;
  rollbackTarget?: RollbackTarget | null;
  reason?: string;
  progress?: VerdictProgress;
  score?: VerdictScore;
}

/** A deploy's verdict against its service's success criteria, with the evidence, and its top movers. */
export function VerdictPanel({ deploymentId }: { deploymentId: number }) {
  const deployQuery = useDeployment(deploymentId);
  const impactQuery = useImpact(deploymentId);
  const verdictQuery = useVerdict(deploymentId);
  const deploy = deployQuery.data?.deployment;
  // The verdict endpoint has the live evaluation of a pending deploy; the stored one is the fallback.
  const verdict = (verdictQuery.data?.verdict ?? deploy?.verdict) as VerdictDetail | undefined;

  return (
    <div className="space-y-4" data-verdict-panel={deploymentId}>
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="text-lg font-semibold">Verdict</h2>
          {verdict && <StatusBadge status={verdict.status} title="verdict against the service's success criteria" />}
          {deploy?.suspect && (
            <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-700" title="a metric moved significantly for the worse after this deploy">
              suspect
            </span>
          )}
          {verdict?.judgedAt ? <span className="text-xs text-slate-500">judged <LocalTime ts={verdict.judgedAt} /></span> : null}
        </div>
        {deployQuery.error ? (
          <p className="mt-2 text-sm text-red-600">Could not load the deploy: {deployQuery.error.message}</p>
        ) : !deploy || !verdict ? (
          <p className="mt-2 text-sm text-slate-400">loading…</p>
        ) : (
          <VerdictBody verdict={verdict} service={deploy.service} waitingOn={verdictQuery.data?.waitingOn} />
        )}
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="text-lg font-semibold">Top movers</h2>
          {impactQuery.data && (
            <span className="text-xs text-slate-500">
              {impactQuery.data.impact.windowMinutes} min before <LocalTime ts={impactQuery.data.impact.before.from} /> vs after <LocalTime ts={impactQuery.data.impact.after.from} /> · Mann–Whitney U, checked against the same window a day earlier
            </span>
          )}
        </div>
        {impactQuery.error ? (
          <p className="mt-2 text-sm text-red-600">Could not load the impact: {impactQuery.error.message}</p>
        ) : !impactQuery.data ? (
          <p className="mt-2 text-sm text-slate-400">loading…</p>
        ) : impactQuery.data.impact.movers.length === 0 ? (
          <div className="mt-2">
            <EmptyState title="No metrics to compare">Metrics named {impactQuery.data.service}.* appear here once they are written.</EmptyState>
          </div>
        ) : (
          <>
            {!impactQuery.data.impact.final && (
              <p className="mt-2 rounded bg-sky-50 px-2 py-1 text-xs text-sky-800">
                The after window is still open (until <LocalTime ts={impactQuery.data.impact.after.to} />); these figures may change.
              </p>
            )}
            <TopMovers movers={impactQuery.data.impact.movers} />
          </>
        )}
      </section>
    </div>
  );
}

function VerdictBody({ verdict, service, waitingOn }: { verdict: VerdictDetail; service: string; waitingOn?: string }) {
  const criteriaLink = (
    <Link href={`/services/${encodeURIComponent(service)}/criteria`} className="text-indigo-700 hover:underline">
      {service}&apos;s success criteria
    </Link>
  );
  if (verdict.status === "none") {
    return <p className="mt-2 text-sm text-slate-600">Not judged: no success criteria are set. Set {criteriaLink} to judge its deploys.</p>;
  }
  if (verdict.status === "pending" && verdict.evidence.length === 0) {
    return <p className="mt-2 text-sm text-slate-600">Pending: {waitingOn ?? "judged once the deploy has finished and its judgement window after it has closed"} ({criteriaLink}).</p>;
  }
  return (
    <div className="mt-2 space-y-3 text-sm">
      {verdict.status === "pending" && verdict.progress && (
        <p className="rounded bg-sky-50 px-2 py-1 text-sky-800" data-verdict-progress>
          Pending: {formatDuration(verdict.progress.elapsedMs)} of the {formatDuration(verdict.progress.windowMs)} window, {verdict.progress.points} of {verdict.progress.needed} points. A pass is only called when the window closes; a certain failure is called at once.
        </p>
      )}
      {verdict.reason && verdict.evidence.length === 0 && (
        <p className="text-slate-700" data-verdict-reason>
          Not judged on its metrics: {verdict.reason}.
        </p>
      )}
      {verdict.score && <ScoreLine score={verdict.score} />}
      {verdict.window && verdict.baseline && (
        <p className="text-slate-600">
          window <LocalTime ts={verdict.window.from} /> → <LocalTime ts={verdict.window.to} /> against the baseline <LocalTime ts={verdict.baseline.from} /> →{" "}
          <LocalTime ts={verdict.baseline.to} /> · {criteriaLink}
        </p>
      )}
      {verdict.status === "failed" && (
        <p className="rounded border border-red-200 bg-red-50 px-3 py-2 text-red-800" data-rollback-target>
          {verdict.rollbackTarget ? (
            <>
              Roll back to{" "}
              <Link href={`/deployments/${verdict.rollbackTarget.deploymentId}`} className="font-mono font-semibold hover:underline">
                {verdict.rollbackTarget.version}
              </Link>
              , the last known good version here (deployed <LocalTime ts={verdict.rollbackTarget.startedAt} />).
            </>
          ) : (
            "No earlier good version in this environment to roll back to."
          )}
        </p>
      )}
      {verdict.evidence.length > 0 && (
        <DataTable
          bare
          label="verdict evidence"
          columns={[
            { key: "rule", label: "rule" },
            { key: "before", label: "before", align: "right" },
            { key: "after", label: "after", align: "right" },
            { key: "change", label: "change", align: "right" },
            { key: "result", label: "result" },
          ]}
          rows={verdict.evidence.map((e, i) => ({
            key: `${e.metric}-${i}`,
            attrs: { "data-rule": e.metric },
            sort: { rule: e.metric, before: e.before, after: e.after, change: e.changePct },
            cells: {
              rule: (
                <>
                  <div className="font-mono text-xs text-slate-800">{e.metric}</div>
                  <div className="text-xs text-slate-500">
                    {e.rule} · {e.critical ? "critical" : e.severity}
                    {e.group && e.group !== "default" ? ` · ${e.group}` : ""}
                    {e.samples ? ` · ${e.samples.after} pts` : ""}
                  </div>
                </>
              ),
              before: formatValue(e.before),
              after: formatValue(e.after),
              change: formatChange(e.changePct),
              result: (
                <>
                  <RuleResult evidence={e} />
                  {e.reason && <div className="text-xs text-slate-500">{e.reason}</div>}
                </>
              ),
            },
          }))}
        />
      )}
    </div>
  );
}

const RESULT_TONE: Record<string, string> = {
  pass: "bg-emerald-50 text-emerald-700",
  inconclusive: "bg-violet-50 text-violet-700",
  no_data: "bg-slate-100 text-slate-600",
  pending: "bg-sky-50 text-sky-700",
};

// A broken rule is coloured by what it costs the deploy: failed (red) or degraded (amber).
function RuleResult({ evidence }: { evidence: RuleEvidence }) {
  // Verdicts stored before outcomes existed have only `passed`.
  const outcome = evidence.outcome ?? (evidence.passed === null ? "no_data" : evidence.passed ? "pass" : "fail");
  if (outcome !== "fail") {
    const label = outcome === "pending" ? `pending · leaning ${evidence.leaning ?? "—"}` : outcome.replace("_", " ");
    return <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${RESULT_TONE[outcome]}`}>{label}</span>;
  }
  const tone = evidence.severity === "failed" || evidence.critical ? "bg-red-100 text-red-700" : "bg-amber-100 text-amber-800";
  return <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${tone}`}>fail · {evidence.critical ? "critical" : evidence.severity}</span>;
}

/** The 0–100 score beside the rules, with its bands; says whether it decides the verdict. */
function ScoreLine({ score }: { score: VerdictScore }) {
  return (
    <p className="text-slate-600" data-verdict-score={score.value ?? ""}>
      score <strong className="tabular-nums">{score.value ?? "—"}</strong>
      {score.band && <span className="ml-1">({score.band})</span>} · pass ≥ {score.pass}, marginal ≥ {score.marginal}
      {score.groups.length > 1 && ` · groups ${score.groups.map((g) => `${g.group} ×${g.weight}: ${g.passed}/${g.decided}`).join(", ")}`}
      <span className="ml-1 text-xs text-slate-400">{score.decides ? "(the score decides)" : "(shown only: rule severities decide)"}</span>
    </p>
  );
}

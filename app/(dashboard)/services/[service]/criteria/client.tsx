"use client";

import { Link } from "@/components/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { EmptyState } from "@/components/empty-state";
import type { Criteria, CriteriaInput } from "@/lib/verdicts/criteria-schema";
import { describeRule } from "@/lib/verdicts/judge-rule";

interface Props {
  service: string;
  criteria: Criteria | null;
  signedIn: boolean;
  metrics: string[];
}

interface Problem {
  where: string;
  message: string;
}

/** A starting point for a service without criteria, shaped like the API's example. */
function template(service: string, metrics: string[]): CriteriaInput {
  const errors = metrics.find((m) => /error/.test(m)) ?? `${service}.api.errors.rate`;
  const latency = metrics.find((m) => /latency/.test(m)) ?? `${service}.api.latency.p95`;
  return {
    windowMinutes: 10,
    baselineMinutes: 30,
    rules: [
      { metric: errors, agg: "max", below: 1 },
      { metric: latency, agg: "p95", maxIncreasePct: 20, severity: "degraded" },
    ],
  };
}

export function CriteriaEditor({ service, criteria, signedIn, metrics }: Props) {
  const router = useRouter();
  const [text, setText] = useState(() => JSON.stringify(criteria ?? template(service, metrics), null, 2));
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    setProblems([]);
    setSaved(null);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      setError(`Not valid JSON: ${(e as Error).message}`);
      return;
    }
    setBusy(true);
    const res = await fetch(`/api/v1/services/${encodeURIComponent(service)}/criteria`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    setBusy(false);
    const answer = await res.json().catch(() => ({}));
    if (!res.ok) {
      setError(answer.error ?? `saving failed (${res.status})`);
      setProblems(Array.isArray(answer.problems) ? answer.problems : []);
      return;
    }
    setText(JSON.stringify(answer.criteria, null, 2));
    setSaved(`Saved. ${answer.rejudged} recent deploy${answer.rejudged === 1 ? "" : "s"} will be judged again within a minute.`);
    router.refresh();
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{service} · success criteria</h1>
          <p className="text-sm text-slate-500">
            What a deploy must meet to be called healthy. Every deploy is judged on the service&apos;s metrics over a window after it finishes, against a
            baseline before it started.
          </p>
        </div>
        <Link href={`/services/${encodeURIComponent(service)}`} className="text-sm text-indigo-700 hover:underline">
          ← {service} dashboard
        </Link>
      </div>

      {criteria ? (
        <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-criteria>
          <p className="text-sm text-slate-600">
            Judgement window <b>{criteria.windowMinutes} min</b> after each deploy, against a baseline of <b>{criteria.baselineMinutes} min</b> before it.
            Each rule needs <b>{criteria.minSamples}</b> points (or a {Math.round(criteria.confidence * 100)}% interval clear of its bound) before it may pass;
            short of that at the window&apos;s end it is inconclusive.
            {criteria.score ? ` The score decides: healthy from ${criteria.score.pass}, degraded from ${criteria.score.marginal}.` : " Rule severities decide; the score is shown beside them."}
          </p>
          <table className="mt-3 w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="py-1 pr-3 font-medium">metric</th>
                <th className="py-1 pr-3 font-medium">rule</th>
                <th className="py-1 pr-3 font-medium">when broken</th>
                <th className="py-1 font-medium">evidence</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {criteria.rules.map((rule, i) => (
                <tr key={`${rule.metric}-${i}`}>
                  <td className="py-1.5 pr-3 font-mono text-xs">{rule.metric}</td>
                  <td className="py-1.5 pr-3">{describeRule(rule)}</td>
                  <td className="py-1.5 pr-3">{rule.critical ? "critical: fails the deploy" : rule.severity}</td>
                  <td className="py-1.5 text-xs text-slate-500">
                    {rule.minSamples ?? criteria.minSamples} points{rule.trimPct ? ` · trims ${rule.trimPct}%` : ""}
                    {rule.mustHaveData ? " · must have data" : ""}
                    {rule.group ? ` · group ${rule.group} ×${criteria.groups?.[rule.group] ?? 1}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : (
        <EmptyState title={`No success criteria for ${service}`}>
          Its deploys show the verdict <b>no criteria</b> until some are set; impact analysis still flags deploys after which a metric got significantly worse.
        </EmptyState>
      )}

      {signedIn ? (
        <form onSubmit={save} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <label className="block text-sm font-medium text-slate-700" htmlFor="criteria-json">
            Edit as JSON
          </label>
          <p className="text-xs text-slate-500">
            Each rule: <code>metric</code>, <code>agg</code> (avg, max, min, p95, last, sum) and bounds — <code>below</code>/<code>above</code> (absolute) or{" "}
            <code>direction</code> (increase, decrease, either) with <code>tolerancePct</code>, or <code>maxIncreasePct</code>/<code>maxDecreasePct</code> (against the
            baseline, or <code>baselineMetric</code> over the same window); <code>severity</code> failed (default) or degraded; <code>critical</code>,{" "}
            <code>mustHaveData</code>, <code>trimPct</code>, <code>minSamples</code>, <code>group</code>. Criteria-wide: <code>minSamples</code> (50),{" "}
            <code>confidence</code> (0.95), <code>groups</code> (weights) and <code>score</code> (<code>{"{pass, marginal}"}</code>). Saving re-judges this
            service&apos;s deploys of the last 30 days.
          </p>
          <textarea
            id="criteria-json"
            name="criteria"
            value={text}
            onChange={(e) => setText(e.target.value)}
            spellCheck={false}
            rows={Math.min(24, text.split("\n").length + 2)}
            className="block w-full rounded border border-slate-300 p-2 font-mono text-xs"
          />
          {error && (
            <div className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700" role="alert">
              {error}
              {problems.length > 0 && (
                <ul className="mt-1 list-disc pl-5">
                  {problems.map((p, i) => (
                    <li key={i}>
                      <code>{p.where}</code>: {p.message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          {saved && <p className="rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{saved}</p>}
          <button type="submit" disabled={busy} className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
            {busy ? "Saving…" : "Save criteria"}
          </button>
        </form>
      ) : (
        <p className="text-sm text-slate-600">
          <Link href="/login" className="text-indigo-700 hover:underline">
            Sign in
          </Link>{" "}
          with a write token to edit the criteria, or <code>PUT /api/v1/services/{service}/criteria</code> from your pipeline.
        </p>
      )}
    </div>
  );
}

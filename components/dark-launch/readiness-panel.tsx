"use client";

import { useState } from "react";
import type { DarkLaunchReport } from "@/lib/dark-launch/report";
import { formatRate } from "@/lib/ui/format-rate";
import { CriteriaForm } from "./criteria-form";
import { ReadinessBadge } from "./readiness-badge";

/** The verdict against the team's criteria, the reasons, and the criteria (editable when signed in). */
export function ReadinessPanel({ report, signedIn, onSaved }: { report: DarkLaunchReport; signedIn: boolean; onSaved: () => void }) {
  const [editing, setEditing] = useState(false);
  const { readiness, criteria } = report;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="readiness">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="font-semibold text-slate-800">Readiness</h2>
        <ReadinessBadge readiness={readiness} large />
        <span className="text-sm text-slate-500">
          {report.candidateVersion ?? "candidate"} over the last {criteria.windowHours} h: {readiness.mirrored.toLocaleString("en-US")} mirrored,{" "}
          {formatRate(readiness.matchRate)} matched
        </span>
      </div>
      <ul className="mt-2 list-disc space-y-0.5 pl-5 text-sm text-slate-700">
        {readiness.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-1 border-t border-slate-100 pt-2 text-xs text-slate-500">
        <span>criteria:</span>
        <span>match rate ≥ {formatRate(criteria.minMatchRate)}</span>
        <span>candidate p95 ≤ {criteria.maxP95Ratio}× primary</span>
        <span>≥ {criteria.minSamples} samples</span>
        <span>in the last {criteria.windowHours} h</span>
        {signedIn ? (
          <button type="button" onClick={() => setEditing(!editing)} className="ml-auto text-indigo-700 hover:underline">
            {editing ? "cancel" : "edit criteria"}
          </button>
        ) : (
          <a href="/login" className="ml-auto text-slate-500 hover:underline">
            sign in to edit
          </a>
        )}
      </div>
      {editing && (
        <CriteriaForm
          service={report.service}
          criteria={criteria}
          onSaved={() => {
            setEditing(false);
            onSaved();
          }}
        />
      )}
    </section>
  );
}

"use client";

import { useState } from "react";
import { useSave } from "@/components/hooks/use-save";
import type { DarkLaunchCriteria } from "@/lib/dark-launch/schema";

const FIELDS = [
  { key: "minMatchRate", label: "min match rate (%)", step: "0.01", toForm: (v: number) => v * 100, fromForm: (v: number) => v / 100 },
  { key: "maxP95Ratio", label: "max candidate/primary p95", step: "0.05", toForm: (v: number) => v, fromForm: (v: number) => v },
  { key: "windowHours", label: "window (hours)", step: "1", toForm: (v: number) => v, fromForm: (v: number) => v },
  { key: "minSamples", label: "min samples", step: "1", toForm: (v: number) => v, fromForm: (v: number) => v },
] as const;

/** Edits the team's readiness criteria through the API (the session cookie authorises it). */
export function CriteriaForm({ service, criteria, onSaved }: { service: string; criteria: DarkLaunchCriteria; onSaved: () => void }) {
  const [values, setValues] = useState(() => Object.fromEntries(FIELDS.map((f) => [f.key, String(Number(f.toForm(criteria[f.key]).toFixed(4)))])));
  const { save, busy, error } = useSave(`/api/v1/dark-launches/${encodeURIComponent(service)}/criteria`);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (await save(Object.fromEntries(FIELDS.map((f) => [f.key, f.fromForm(Number(values[f.key]))])))) onSaved();
  }

  return (
    <form onSubmit={submit} className="mt-3 flex flex-wrap items-end gap-3 rounded bg-slate-50 p-3" data-testid="criteria-form">
      {FIELDS.map((f) => (
        <label key={f.key} className="text-xs text-slate-600">
          {f.label}
          <input
            type="number"
            step={f.step}
            name={f.key}
            value={values[f.key]}
            onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
            className="mt-1 block w-32 rounded border border-slate-300 px-2 py-1 text-sm"
            required
          />
        </label>
      ))}
      <button type="submit" disabled={busy} className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
        {busy ? "Saving…" : "Save criteria"}
      </button>
      {error && (
        <p className="w-full text-sm text-red-600" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useSave } from "@/components/hooks/use-save";

const RESOLUTIONS = ["raw", "1m", "1h"] as const;

/** Edits the retention policy through `PUT /api/v1/retention` (the session cookie authorises it). */
export function RetentionForm({ policy }: { policy: Record<(typeof RESOLUTIONS)[number], string> }) {
  const router = useRouter();
  const [values, setValues] = useState(policy);
  const { save, busy, error } = useSave("/api/v1/retention");

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (await save(values)) router.refresh();
  }

  return (
    <form onSubmit={submit} className="mt-3 flex flex-wrap items-end gap-3 rounded bg-slate-50 p-3" data-testid="retention-form">
      {RESOLUTIONS.map((r) => (
        <label key={r} className="text-xs text-slate-600">
          keep {r === "raw" ? "raw points" : `${r} rollups`} for
          <input
            name={r}
            value={values[r]}
            onChange={(e) => setValues({ ...values, [r]: e.target.value })}
            className="mt-1 block w-28 rounded border border-slate-300 px-2 py-1 font-mono text-sm"
            required
          />
        </label>
      ))}
      <button type="submit" disabled={busy} className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
        {busy ? "Saving…" : "Save retention"}
      </button>
      {error && (
        <p className="w-full text-sm text-red-600" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useSave } from "@/components/hooks/use-save";

/** The service's retention (keep the newest N builds); editable once signed in. */
export function RetentionForm({ service, keepBuilds, signedIn }: { service: string; keepBuilds: number; signedIn: boolean }) {
  const router = useRouter();
  const [value, setValue] = useState(String(keepBuilds));
  const { save: put, busy, error } = useSave(`/api/v1/services/${encodeURIComponent(service)}/retention`);

  if (!signedIn) {
    return (
      <span className="text-sm text-slate-600" data-keep-builds={keepBuilds}>
        keeps the newest <strong>{keepBuilds}</strong> builds
        <span className="ml-1 text-xs text-slate-400">(sign in to change)</span>
      </span>
    );
  }

  async function save(event: React.FormEvent) {
    event.preventDefault();
    if (await put({ keepBuilds: Number(value) })) router.refresh();
  }

  return (
    <form onSubmit={save} className="flex items-center gap-2 text-sm text-slate-600" data-keep-builds={keepBuilds}>
      <label className="inline-flex items-center gap-1">
        keep the newest
        <input type="number" min={1} max={1000} value={value} onChange={(e) => setValue(e.target.value)} className="w-16 rounded border border-slate-300 px-1.5 py-0.5" />
        builds
      </label>
      <button type="submit" disabled={busy || value === String(keepBuilds)} className="rounded bg-indigo-600 px-2 py-0.5 text-white disabled:opacity-40">
        {busy ? "Saving…" : "Save"}
      </button>
      {error && (
        <span role="alert" className="text-red-600">
          {error}
        </span>
      )}
    </form>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useSave } from "@/components/hooks/use-save";

interface Props {
  deploymentId: number;
  version: string;
  environment: string;
}

/**
 * Rolls the environment's live deploy back from its page: to a version named here or, left
 * blank, the environment's last known good one (the API decides, as the CLI's rollback does).
 * A confirming second step, since it changes what the environment is recorded to run.
 */
export function RollbackAction({ deploymentId, version, environment }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState("");
  const [reason, setReason] = useState("");
  const { save, busy, error } = useSave<{ deployment: { id: number } }>(`/api/v1/deployments/${deploymentId}/rollback`, "POST");

  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} className="rounded border border-orange-300 bg-orange-50 px-3 py-1 text-sm text-orange-800 hover:bg-orange-100">
        Roll back…
      </button>
    );
  }
  return (
    <form
      data-rollback-form
      className="flex flex-wrap items-end gap-2 rounded border border-orange-200 bg-orange-50 p-3 text-sm"
      onSubmit={async (event) => {
        event.preventDefault();
        const answer = await save({ ...(target.trim() ? { version: target.trim() } : {}), ...(reason.trim() ? { reason: reason.trim() } : {}) });
        if (answer) router.push(`/deployments/${answer.deployment.id}`);
      }}
    >
      <label className="flex flex-col gap-1">
        <span className="text-xs text-slate-600">
          roll {environment} back from <span className="font-mono">{version}</span> to
        </span>
        <input value={target} onChange={(e) => setTarget(e.target.value)} placeholder="last known good" maxLength={100} className="w-40 rounded border border-slate-300 px-2 py-1 font-mono" aria-label="version to roll back to" />
      </label>
      <label className="flex flex-1 flex-col gap-1">
        <span className="text-xs text-slate-600">why</span>
        <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="p95 doubled" maxLength={2000} className="min-w-48 rounded border border-slate-300 px-2 py-1" aria-label="reason" />
      </label>
      <button type="submit" disabled={busy} className="rounded bg-orange-600 px-3 py-1 font-medium text-white hover:bg-orange-700 disabled:opacity-50">
        {busy ? "Rolling back…" : "Roll back now"}
      </button>
      <button type="button" onClick={() => setOpen(false)} className="px-2 py-1 text-slate-600 hover:text-slate-900">
        cancel
      </button>
      {error && (
        <p role="alert" className="basis-full text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}

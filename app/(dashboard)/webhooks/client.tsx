"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useSave } from "@/components/hooks/use-save";

/** Adds a webhook; shows its signing secret once, as the API answers it only once. */
export function AddWebhookForm({ events }: { events: string[] }) {
  const router = useRouter();
  const [url, setUrl] = useState("");
  const [service, setService] = useState("");
  const [format, setFormat] = useState("json");
  const [secret, setSecret] = useState<string | null>(null);
  const { save, busy, error } = useSave<{ secret: string }>("/api/v1/webhooks", "POST");

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const answer = await save({ url, format, events, ...(service && { service }) });
    if (answer) {
      setSecret(answer.secret);
      setUrl("");
      router.refresh();
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-center gap-2 text-sm">
      <input required type="url" placeholder="https://receiver.example.com/hook" value={url} onChange={(e) => setUrl(e.target.value)} className="w-80 rounded border border-slate-300 px-2 py-1" aria-label="url" />
      <input placeholder="service (empty: every service)" value={service} onChange={(e) => setService(e.target.value)} className="w-56 rounded border border-slate-300 px-2 py-1" aria-label="service" />
      <select value={format} onChange={(e) => setFormat(e.target.value)} className="rounded border border-slate-300 px-2 py-1" aria-label="format">
        <option value="json">signed JSON</option>
        <option value="slack">Slack incoming webhook</option>
      </select>
      <button type="submit" disabled={busy} className="rounded bg-indigo-600 px-3 py-1 text-white disabled:opacity-40">
        {busy ? "Adding…" : "Add webhook"}
      </button>
      {error && (
        <span role="alert" className="text-red-600">
          {error}
        </span>
      )}
      {secret && (
        <p className="w-full text-xs text-slate-600" data-testid="webhook-secret">
          Signing secret (shown once): <code className="rounded bg-slate-100 px-1">{secret}</code>
        </p>
      )}
    </form>
  );
}

export function DeleteWebhookButton({ id }: { id: number }) {
  const router = useRouter();
  const { save, busy } = useSave(`/api/v1/webhooks/${id}`, "DELETE");
  return (
    <button type="button" disabled={busy} onClick={async () => { await save(undefined); router.refresh(); }} className="text-xs text-red-700 hover:underline disabled:opacity-40">
      remove
    </button>
  );
}

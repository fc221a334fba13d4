"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useSave } from "@/components/hooks/use-save";

export function LoginForm() {
  const router = useRouter();
  const [token, setToken] = useState("");
  const { save, busy, error } = useSave("/api/v1/session", "POST");

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!(await save({ token }))) return;
    router.push("/");
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <label className="block text-sm font-medium text-slate-700">
        Write token
        <input
          type="password"
          name="token"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          autoComplete="off"
          className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5 font-mono text-sm"
          required
        />
      </label>
      {error && <p className="text-sm text-red-600" role="alert">{error}</p>}
      <button type="submit" disabled={busy} className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}

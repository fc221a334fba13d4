"use client";

import { useEffect, useState } from "react";
import { freshness } from "@/lib/standup/freshness";
import { formatTime, timeAgo } from "@/lib/ui/format";

const CHECK_MS = 5_000;

/** A banner across the bottom of the screen when the data is stale (amber) or the server unreachable (red). */
export function ConnectionBanner({ lastSuccessAt, lastFailureAt, error }: { lastSuccessAt: number | null; lastFailureAt: number | null; error?: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), CHECK_MS);
    return () => clearInterval(timer);
  }, []);
  const state = freshness(lastSuccessAt, lastFailureAt, Math.max(now, lastFailureAt ?? 0));
  if (state.state === "fresh") return null;
  const since = state.since === null ? null : `${formatTime(state.since, true)} (${timeAgo(state.since, now)})`;
  return (
    <div
      role="alert"
      data-banner={state.state}
      className={`fixed inset-x-8 bottom-8 z-30 rounded-2xl px-8 py-5 text-4xl font-semibold shadow-2xl ${state.state === "unreachable" ? "bg-red-700 text-white" : "bg-amber-400 text-slate-950"}`}
    >
      {state.state === "unreachable" ? (
        <>
          Server unreachable{since ? ` — showing data from ${since}` : " — no data yet"}
          {error && <div className="mt-1 truncate text-xl font-normal opacity-80">{error}</div>}
        </>
      ) : (
        <>Data stale since {since}</>
      )}
    </div>
  );
}

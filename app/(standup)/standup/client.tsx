"use client";

import { useEffect, useState } from "react";
import { useServiceNames } from "@/components/hooks/use-service-names";
import { useStandupBoard } from "@/components/hooks/use-standup-board";
import { ConnectionBanner } from "@/components/standup/connection-banner";
import { RotationProgress } from "@/components/standup/rotation-progress";
import { ServiceBoard } from "@/components/standup/service-board";
import { StandupClock } from "@/components/standup/standup-clock";

// Two rows of charts fit a 1080p screen below the header; one row (up to two charts) gets the height of both.
const CHART_HEIGHT = 290;

/** The standup TV: one service at a time, rotating every `rotateMs`, refreshing in place. */
export function StandupScreen({ services: chosen, rotateMs }: { services: string[]; rotateMs: number }) {
  const names = useServiceNames(chosen.length === 0);
  const services = chosen.length > 0 ? chosen : (names.data ?? []);
  const [index, setIndex] = useState(0);
  const current = services.length > 0 ? services[index % services.length] : null;

  // One timeout per turn, replaced (not stacked) when the turn or the list changes.
  useEffect(() => {
    if (services.length < 2) return;
    const timer = setTimeout(() => setIndex((i) => (i + 1) % services.length), rotateMs);
    return () => clearTimeout(timer);
  }, [index, services.length, rotateMs]);

  return (
    <div className="flex h-full flex-col gap-5 px-10 py-8">
      <header className="flex items-end justify-between gap-8">
        <div className="min-w-[22rem] flex-1">
          <div className="text-2xl whitespace-nowrap uppercase tracking-[0.3em] text-slate-500">standup · last 24 h</div>
          <h1 className="truncate text-8xl font-bold leading-tight" data-current-service={current ?? ""}>
            {current ?? "…"}
          </h1>
        </div>
        {services.length > 1 && (
          <ol className="flex min-w-0 flex-wrap justify-center gap-3 text-2xl" aria-label="services in rotation">
            {upcoming(services, index).map((s) => (
              <li key={s} className={`rounded-full px-4 py-1 ${s === current ? "bg-sky-400 font-semibold text-slate-950" : "bg-slate-800 text-slate-400"}`}>
                {s}
              </li>
            ))}
            {services.length > PILLS && (
              <li className="px-2 py-1 text-slate-500">
                {index + 1} of {services.length}
              </li>
            )}
          </ol>
        )}
        <StandupClock />
      </header>
      {services.length > 1 ? <RotationProgress durationMs={rotateMs} cycle={`${index}:${services.length}`} /> : <div className="h-2" />}
      {current ? (
        <CurrentService key={current} service={current} gcTime={Math.max(2 * rotateMs, 60_000)} />
      ) : (
        <>
          <p className="flex flex-1 items-center justify-center text-5xl text-slate-500">{names.isPending ? "loading services…" : "no services yet"}</p>
          <ConnectionBanner lastSuccessAt={names.dataUpdatedAt || null} lastFailureAt={names.errorUpdatedAt || null} error={names.error?.message} />
        </>
      )}
    </div>
  );
}

/** Only the service on screen has a mounted (refreshing) query; the others idle in the cache until gcTime. */
function CurrentService({ service, gcTime }: { service: string; gcTime: number }) {
  const board = useStandupBoard(service, gcTime);
  return (
    <>
      {board.data ? (
        <div className="flex min-h-0 flex-1 flex-col" data-standup-service={service}>
          <ServiceBoard board={board.data} chartHeight={CHART_HEIGHT} />
        </div>
      ) : (
        <p className="flex flex-1 items-center justify-center text-5xl text-slate-500">{board.isError ? "could not load" : "loading"} {service}…</p>
      )}
      <ConnectionBanner lastSuccessAt={board.dataUpdatedAt || null} lastFailureAt={board.errorUpdatedAt || null} error={board.error?.message} />
    </>
  );
}

/** Pills shown at most: with dozens of services, the current one and the next few. */
const PILLS = 8;

function upcoming(services: string[], index: number): string[] {
  if (services.length <= PILLS) return services;
  return Array.from({ length: PILLS }, (_, k) => services[(index + k) % services.length]);
}

import type { SourceStats } from "@/lib/ingest/stats";
import { timeAgo } from "@/lib/ui/format";
import { LocalTime } from "@/components/local-time";

interface Props {
  title: string;
  /** What `accepted` counts for this source: points (HTTP) or lines/packets' metrics (listeners). */
  unit: string;
  listener: string | null;
  stats: SourceStats;
  /** The running listener's own counters (connections, refusals, kernel drops…), by name. */
  counters?: Record<string, number | string | null> | null;
  now: number;
}

// camelCase counter names as labels: refusedSamples → "refused samples".
const label = (name: string) => name.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);

/** One ingest source's counters, its listener and its latest malformed input. */
export function SourceCard({ title, unit, listener, stats, counters, now }: Props) {
  const figures = [
    [`${unit} accepted`, stats.accepted],
    ["points written", stats.pointsWritten],
    ["batches", stats.batches],
    ["malformed", stats.malformed],
    ["failed batches", stats.failedBatches],
  ] as const;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-source={title}>
      <div className="flex items-baseline justify-between">
        <h2 className="font-medium">{title}</h2>
        {listener !== null && (
          <span className={`rounded px-2 py-0.5 text-xs ${listener === "off" ? "bg-slate-100 text-slate-500" : "bg-emerald-50 text-emerald-700"}`}>{listener}</span>
        )}
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
        {figures.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd className={`text-right tabular-nums ${label === "malformed" && value > 0 ? "text-amber-700" : ""}`} data-figure={label}>
              {value.toLocaleString("en-US")}
            </dd>
          </div>
        ))}
        <dt className="text-slate-500">last ingest</dt>
        <dd className="text-right">{stats.lastIngestAt ? timeAgo(stats.lastIngestAt, now) : "never"}</dd>
      </dl>
      {counters && (
        <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 border-t border-slate-100 pt-2 text-xs" data-testid="listener-counters">
          {Object.entries(counters).map(([name, value]) => (
            <div key={name} className="contents">
              <dt className="text-slate-500">{label(name)}</dt>
              <dd className="text-right tabular-nums" data-counter={name}>
                {value === null ? "n/a" : value.toLocaleString("en-US")}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {stats.lastError && (
        <p className="mt-2 rounded bg-red-50 px-2 py-1 text-xs text-red-700">
          last write error {timeAgo(stats.lastError.at, now)}: {stats.lastError.message}
        </p>
      )}
      {stats.recentMalformed.length > 0 && (
        <div className="mt-3">
          <h3 className="text-xs font-medium uppercase tracking-wide text-slate-500">latest malformed</h3>
          <ul className="mt-1 space-y-1 text-xs">
            {[...stats.recentMalformed].reverse().map((p, i) => (
              <li key={`${p.at}-${i}`} className="flex gap-2">
                <span className="shrink-0 text-slate-400">
                  <LocalTime ts={p.at} withSeconds />
                </span>
                <span className="break-all font-mono text-slate-700">{p.reason}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

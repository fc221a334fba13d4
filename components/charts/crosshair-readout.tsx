"use client";

import type { DeploymentView } from "@/lib/deploys/present";
import { deployColor } from "@/lib/ui/deploy-style";
import { formatTime, formatValue } from "@/lib/ui/format";
import { nearestAt, type MinMaxBucket } from "@/lib/ui/value-at";
import { seriesName } from "@/lib/series/labels";
import { useCrosshairTs, type CrosshairStore } from "./crosshair";

/** A series as the readout looks values up in it: raw points, or min/max buckets. */
export interface ReadoutSeries {
  name: string;
  labels?: Record<string, string>;
  color: string;
  points: [number, number][];
  buckets: MinMaxBucket[] | null;
}

interface Props {
  store: CrosshairStore;
  from: number;
  to: number;
  width: number;
  height: number;
  series: ReadoutSeries[];
  deploys: DeploymentView[];
  unit?: string | null;
  dark?: boolean;
}

/** Within this many pixels a deploy counts as "under the cursor", and a point as "at the time". */
const NEAR_PX = 5;

/**
 * The shared crosshair in one chart: a vertical line at the hovered time (from any chart of the
 * page) and, beside it, each series' value there (a bucket's min–max when downsampled), the
 * series' labels, and the deploy under the cursor.
 */
export function CrosshairReadout({ store, from, to, width, height, series, deploys, unit, dark }: Props) {
  const ts = useCrosshairTs(store);
  if (ts === null || ts < from || ts > to || width <= 0) return null;
  const msPerPx = (to - from) / width;
  const x = ((ts - from) / (to - from)) * width;
  const near = NEAR_PX * msPerPx;
  const deploy = deploys.find((d) => d.startedAt - near <= ts && ts <= (d.finishedAt ?? d.startedAt) + near);
  const rows = series.map((s) => {
    if (s.buckets) {
      const b = nearestAt(s.buckets, (bucket) => bucket.ts, ts, Math.max(near, bucketSpan(s.buckets)));
      return { s, at: b?.ts, text: b ? `${formatValue(b.min)} – ${formatValue(b.max, unit)}` : "—", attrs: b ? { "data-min": b.min, "data-max": b.max } : {} };
    }
    const p = nearestAt(s.points, (point) => point[0], ts, Math.max(near, pointSpacing(s.points)));
    return { s, at: p?.[0], text: p ? formatValue(p[1], unit) : "—", attrs: p ? { "data-value": p[1] } : {} };
  });
  const left = x > width / 2;
  return (
    <div className="pointer-events-none absolute inset-0">
      <div className="absolute top-0" style={{ left: x, height, borderLeft: `1px solid ${dark ? "#94a3b8" : "#64748b"}`, opacity: 0.7 }} />
      {/* The dark box in literal colours: under the dashboard's dark theme the slate scale is inverted (app/theme-dark.css), which turned slate-900 into a light box. */}
      <div
        data-crosshair
        data-ts={Math.round(ts)}
        className={`absolute top-1 z-10 max-w-[65%] rounded border px-2 py-1 text-[11px] leading-snug shadow-sm ${dark ? "border-[#334155] bg-[#0f172a]/90 text-[#f1f5f9]" : "border-slate-200 bg-white/95 text-slate-800"}`}
        style={left ? { right: width - x + 6 } : { left: x + 6 }}
      >
        <div className="text-slate-500 tabular-nums">{formatTime(ts, true)}</div>
        {rows.map(({ s, at, text, attrs }) => (
          <div key={s.name} data-crosshair-series={s.name} data-ts={at} {...attrs} className="flex items-baseline gap-1.5">
            <span aria-hidden className="inline-block h-2 w-2 shrink-0 rounded-full" style={{ background: s.color }} />
            <span className="truncate font-mono">
              {s.name}
              <span className="text-slate-400">{seriesName("", s.labels)}</span>
            </span>
            <span className="ml-auto pl-2 font-semibold tabular-nums whitespace-nowrap">{text}</span>
          </div>
        ))}
        {deploy && (
          <div data-crosshair-deploy={deploy.id} className="mt-0.5 flex items-center gap-1.5 border-t border-slate-200/60 pt-0.5">
            <span aria-hidden className="inline-block h-2 w-0.5 shrink-0" style={{ background: deployColor(deploy) }} />
            <span className="font-mono">{deploy.version}</span> → {deploy.environment} · #{deploy.id}
          </div>
        )}
      </div>
    </div>
  );
}

function pointSpacing(points: [number, number][]): number {
  return points.length > 1 ? (points[points.length - 1][0] - points[0][0]) / (points.length - 1) : 0;
}

function bucketSpan(buckets: MinMaxBucket[]): number {
  return buckets.length > 1 ? (buckets[buckets.length - 1].ts - buckets[0].ts) / (buckets.length - 1) : 0;
}

"use client";

import { useEffect, useRef, useState } from "react";
import { CartesianGrid, Line, LineChart, ReferenceArea, Tooltip, XAxis, YAxis } from "recharts";
import type { DeploymentView } from "@/lib/deploys/present";
import { formatTime, formatValue } from "@/lib/ui/format";
import { DeployMarkers } from "./deploy-markers";

// Fixed plot margins so the deploy overlay lines up with recharts' plot area.
const Y_AXIS_WIDTH = 56;
const MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };
const X_AXIS_HEIGHT = 24;

export interface ChartSeries {
  name: string;
  points: [number, number][];
  color?: string;
}

interface Props {
  series: ChartSeries[];
  unit?: string | null;
  from: number;
  to: number;
  deploys: DeploymentView[];
  height?: number;
  highlightDeployId?: number;
  onZoom?: (from: number, to: number) => void;
}

export const PALETTE = ["#0f172a", "#2563eb", "#db2777", "#16a34a", "#ea580c", "#7c3aed"];

/** A time-series chart with a vertical line per deploy and drag-to-zoom. */
export function TimeSeriesChart({ series, unit, from, to, deploys, height = 200, highlightDeployId, onZoom }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const data = mergeSeries(series);
  const plotWidth = Math.max(0, width - Y_AXIS_WIDTH - MARGIN.right);
  const plotHeight = height - MARGIN.top - X_AXIS_HEIGHT;
  // Drag-to-zoom reads the pointer against the plot area itself rather than recharts' hover state.
  const tsAt = (clientX: number) => {
    const rect = ref.current!.getBoundingClientRect();
    const frac = Math.min(1, Math.max(0, (clientX - rect.left - Y_AXIS_WIDTH) / Math.max(1, plotWidth)));
    return from + frac * (to - from);
  };

  return (
    <div
      ref={ref}
      className="relative select-none"
      style={{ height }}
      onMouseDown={(e) => {
        if (onZoom && e.button === 0) setDrag({ a: tsAt(e.clientX), b: tsAt(e.clientX) });
      }}
      onMouseMove={(e) => {
        if (drag) setDrag({ ...drag, b: tsAt(e.clientX) });
      }}
      onMouseUp={() => {
        if (drag && onZoom && Math.abs(drag.b - drag.a) > (to - from) / 200) onZoom(Math.min(drag.a, drag.b), Math.max(drag.a, drag.b));
        setDrag(null);
      }}
      onMouseLeave={() => setDrag(null)}
    >
      {width > 0 && (
        <LineChart width={width} height={height} data={data} margin={MARGIN}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis
            dataKey="ts"
            type="number"
            scale="time"
            domain={[from, to]}
            allowDataOverflow
            height={X_AXIS_HEIGHT}
            tickFormatter={(ts: number) => tickLabel(ts, to - from)}
            tick={{ fontSize: 11, fill: "#64748b" }}
            minTickGap={40}
          />
          <YAxis width={Y_AXIS_WIDTH} tick={{ fontSize: 11, fill: "#64748b" }} tickFormatter={(v: number) => formatValue(v)} domain={["auto", "auto"]} />
          <Tooltip
            isAnimationActive={false}
            labelFormatter={(ts) => formatTime(Number(ts), true)}
            formatter={(v) => formatValue(Number(v), unit)}
            contentStyle={{ fontSize: 12 }}
          />
          {series.map((s, i) => (
            <Line
              key={s.name}
              dataKey={s.name}
              type="linear"
              dot={false}
              stroke={s.color ?? PALETTE[i % PALETTE.length]}
              strokeWidth={1}
              isAnimationActive={false}
              connectNulls
            />
          ))}
          {drag && <ReferenceArea x1={drag.a} x2={drag.b} fill="#6366f1" fillOpacity={0.12} />}
        </LineChart>
      )}
      <div className="pointer-events-none absolute" style={{ left: Y_AXIS_WIDTH, top: MARGIN.top, width: plotWidth, height: plotHeight }}>
        <DeployMarkers deploys={deploys} from={from} to={to} width={plotWidth} height={plotHeight} highlightId={highlightDeployId} />
      </div>
    </div>
  );
}

/** One row per timestamp with a column per series, as recharts wants. */
function mergeSeries(series: ChartSeries[]): Record<string, number>[] {
  if (series.length === 1) return series[0].points.map(([ts, v]) => ({ ts, [series[0].name]: v }));
  const rows = new Map<number, Record<string, number>>();
  for (const s of series) {
    for (const [ts, v] of s.points) {
      const row = rows.get(ts) ?? { ts };
      row[s.name] = v;
      rows.set(ts, row);
    }
  }
  return [...rows.values()].sort((a, b) => a.ts - b.ts);
}

function tickLabel(ts: number, span: number): string {
  const d = new Date(ts);
  if (span <= 2 * 86_400_000) return d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  return d.toLocaleDateString("en-GB", { month: "short", day: "numeric" });
}

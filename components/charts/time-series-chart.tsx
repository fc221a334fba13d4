"use client";

import { useEffect, useRef, useState } from "react";
import { CartesianGrid, Line, LineChart, ReferenceArea, Tooltip, XAxis, YAxis } from "recharts";
import type { DeploymentView } from "@/lib/deploys/present";
import { formatTime, formatValue } from "@/lib/ui/format";
import { DeployMarkers } from "./deploy-markers";

// Fixed plot margins so the deploy overlay lines up with recharts' plot area.
const MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };
const X_AXIS_HEIGHT = 24;

export interface ChartSeries {
  name: string;
  points: [number, number][];
  color?: string;
}

/** Colours and sizes of a chart's frame, so a dark screen (the standup TV) reuses the same chart. */
export interface ChartTheme {
  grid: string;
  axis: string;
  fontSize: number;
  strokeWidth: number;
  yAxisWidth: number;
  tooltipStyle?: React.CSSProperties;
}

const LIGHT_THEME: ChartTheme = { grid: "#e2e8f0", axis: "#64748b", fontSize: 11, strokeWidth: 1, yAxisWidth: 56 };

interface Props {
  series: ChartSeries[];
  unit?: string | null;
  from: number;
  to: number;
  deploys: DeploymentView[];
  height?: number;
  highlightDeployId?: number;
  onZoom?: (from: number, to: number) => void;
  theme?: ChartTheme;
}

export const PALETTE = ["#0f172a", "#2563eb", "#db2777", "#16a34a", "#ea580c", "#7c3aed"];

/** A time-series chart with a vertical line per deploy and drag-to-zoom. */
export function TimeSeriesChart({ series, unit, from, to, deploys, height = 200, highlightDeployId, onZoom, theme = LIGHT_THEME }: Props) {
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
  const plotWidth = Math.max(0, width - theme.yAxisWidth - MARGIN.right);
  const xAxisHeight = X_AXIS_HEIGHT + Math.max(0, theme.fontSize - LIGHT_THEME.fontSize);
  const plotHeight = height - MARGIN.top - xAxisHeight;
  // Drag-to-zoom reads the pointer against the plot area itself rather than recharts' hover state.
  const tsAt = (clientX: number) => {
    const rect = ref.current!.getBoundingClientRect();
    const frac = Math.min(1, Math.max(0, (clientX - rect.left - theme.yAxisWidth) / Math.max(1, plotWidth)));
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
          <CartesianGrid stroke={theme.grid} vertical={false} />
          <XAxis
            dataKey="ts"
            type="number"
            scale="time"
            domain={[from, to]}
            allowDataOverflow
            height={xAxisHeight}
            tickFormatter={(ts: number) => tickLabel(ts, to - from)}
            tick={{ fontSize: theme.fontSize, fill: theme.axis }}
            minTickGap={40}
          />
          <YAxis width={theme.yAxisWidth} tick={{ fontSize: theme.fontSize, fill: theme.axis }} tickFormatter={(v: number) => formatValue(v)} domain={["auto", "auto"]} />
          <Tooltip
            isAnimationActive={false}
            labelFormatter={(ts) => formatTime(Number(ts), true)}
            formatter={(v) => formatValue(Number(v), unit)}
            contentStyle={{ fontSize: 12, ...theme.tooltipStyle }}
          />
          {series.map((s, i) => (
            <Line
              key={s.name}
              dataKey={s.name}
              type="linear"
              dot={false}
              stroke={s.color ?? PALETTE[i % PALETTE.length]}
              strokeWidth={theme.strokeWidth}
              isAnimationActive={false}
              connectNulls
            />
          ))}
          {drag && <ReferenceArea x1={drag.a} x2={drag.b} fill="#6366f1" fillOpacity={0.12} />}
        </LineChart>
      )}
      <div className="pointer-events-none absolute" style={{ left: theme.yAxisWidth, top: MARGIN.top, width: plotWidth, height: plotHeight }}>
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

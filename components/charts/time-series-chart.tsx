"use client";

import { useEffect, useRef, useState } from "react";
import { Area, CartesianGrid, ComposedChart, Line, ReferenceArea, Tooltip, XAxis, YAxis } from "recharts";
import type { DeploymentView } from "@/lib/deploys/present";
import { formatClock, formatDay, formatTime, formatValue } from "@/lib/ui/format";
import { DeployMarkers } from "./deploy-markers";

// Fixed plot margins so the deploy overlay lines up with recharts' plot area.
const MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };
const X_AXIS_HEIGHT = 24;

export interface ChartSeries {
  name: string;
  points: [number, number][];
  color?: string;
  /** Set when the points are min/max pairs per bucket (the series API's `bucketMs` and `from`): drawn as a band. */
  buckets?: { from: number; bucketMs: number } | null;
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
  /** Y axis bounds; a bound left "auto" follows the data (a percentage passes a max of 100). */
  yDomain?: [number | "auto", number | "auto"];
}

export const PALETTE = ["#0f172a", "#2563eb", "#db2777", "#16a34a", "#ea580c", "#7c3aed"];

/** A time-series chart with a vertical line per deploy and drag-to-zoom. */
export function TimeSeriesChart({ series, unit, from, to, deploys, height = 200, highlightDeployId, onZoom, theme = LIGHT_THEME, yDomain = ["auto", "auto"] }: Props) {
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
        <ComposedChart width={width} height={height} data={data} margin={MARGIN}>
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
          <YAxis width={theme.yAxisWidth} tick={{ fontSize: theme.fontSize, fill: theme.axis }} tickFormatter={(v: number) => formatValue(v)} domain={yDomain} allowDataOverflow={false} />
          <Tooltip
            isAnimationActive={false}
            labelFormatter={(ts) => formatTime(Number(ts), true)}
            formatter={(v) => (Array.isArray(v) ? `${formatValue(v[0])} – ${formatValue(v[1], unit)}` : formatValue(Number(v), unit))}
            contentStyle={{ fontSize: 12, ...theme.tooltipStyle }}
          />
          {series.map((s, i) => {
            const color = s.color ?? PALETTE[i % PALETTE.length];
            const line = (key: string, tooltip: boolean) => (
              <Line
                key={key}
                dataKey={key}
                name={s.name}
                type="linear"
                dot={false}
                stroke={color}
                strokeWidth={theme.strokeWidth}
                isAnimationActive={false}
                connectNulls
                tooltipType={tooltip ? undefined : "none"}
              />
            );
            if (!s.buckets) return line(s.name, true);
            // A min/max band: the envelope's edges as lines, the range between them filled.
            return [
              <Area key={`${s.name}-band`} dataKey={s.name} name={s.name} type="linear" fill={color} fillOpacity={0.18} stroke="none" isAnimationActive={false} connectNulls />,
              line(`${s.name}${MAX_SUFFIX}`, false),
              line(`${s.name}${MIN_SUFFIX}`, false),
            ];
          })}
          {drag && <ReferenceArea x1={drag.a} x2={drag.b} fill="#6366f1" fillOpacity={0.12} />}
        </ComposedChart>
      )}
      <div className="pointer-events-none absolute" style={{ left: theme.yAxisWidth, top: MARGIN.top, width: plotWidth, height: plotHeight }}>
        <DeployMarkers deploys={deploys} from={from} to={to} width={plotWidth} height={plotHeight} highlightId={highlightDeployId} />
      </div>
    </div>
  );
}

const MAX_SUFFIX = "\u0000max";
const MIN_SUFFIX = "\u0000min";

type Row = Record<string, number | [number, number]>;

/**
 * One row per timestamp with a column per series, as recharts wants. A bucketed series becomes
 * one row per bucket holding its [min, max] range and both edges.
 */
function mergeSeries(series: ChartSeries[]): Row[] {
  const rows = new Map<number, Row>();
  const put = (ts: number, key: string, value: number | [number, number]) => {
    const row = rows.get(ts) ?? { ts };
    row[key] = value;
    rows.set(ts, row);
  };
  for (const s of series) {
    if (!s.buckets) {
      for (const [ts, v] of s.points) put(ts, s.name, v);
      continue;
    }
    for (const b of toBuckets(s.points, s.buckets.from, s.buckets.bucketMs)) {
      put(b.ts, s.name, [b.min, b.max]);
      put(b.ts, `${s.name}${MAX_SUFFIX}`, b.max);
      put(b.ts, `${s.name}${MIN_SUFFIX}`, b.min);
    }
  }
  return [...rows.values()].sort((a, b) => (a.ts as number) - (b.ts as number));
}

/** Regroups min/max points into their buckets (each bucket sent one or two points). */
function toBuckets(points: [number, number][], from: number, bucketMs: number) {
  const buckets = new Map<number, { ts: number; min: number; max: number }>();
  for (const [ts, v] of points) {
    const index = Math.floor((ts - from) / bucketMs);
    const b = buckets.get(index);
    if (!b) buckets.set(index, { ts, min: v, max: v });
    else {
      b.min = Math.min(b.min, v);
      b.max = Math.max(b.max, v);
    }
  }
  return [...buckets.values()];
}

function tickLabel(ts: number, span: number): string {
  return span <= 2 * 86_400_000 ? formatClock(ts) : formatDay(ts);
}

"use client";

import { memo, useMemo } from "react";
import { Area, CartesianGrid, ComposedChart, Line, ReferenceArea, XAxis, YAxis } from "recharts";
import { formatValue } from "@/lib/ui/format";
import { timeTickLabel } from "@/lib/ui/time-ticks";
import type { MinMaxBucket } from "@/lib/ui/value-at";

/** A series as the plot draws it: its colour chosen, and its min/max buckets when drawn as a band. */
export interface PlottedSeries {
  name: string;
  points: [number, number][];
  color: string;
  bucketRows: MinMaxBucket[] | null;
}

/** The frame's colours and sizes the plot needs (a subset of the chart's theme). */
export interface PlotFrame {
  grid: string;
  axis: string;
  fontSize: number;
  strokeWidth: number;
  yAxisWidth: number;
}

interface Props {
  series: PlottedSeries[];
  width: number;
  height: number;
  /** Space around the plot area (above it, the deploy density strip); the chart lays its overlays out by the same. */
  margin: { top: number; right: number; bottom: number; left: number };
  xAxisHeight: number;
  from: number;
  to: number;
  xTicks: number[];
  yDomain: [number | "auto", number | "auto"];
  frame: PlotFrame;
  /** The range being dragged out to zoom into, if any. */
  drag: { a: number; b: number } | null;
}

/** The class of every drawn series (a line, or a band's area): what tests and scripts wait for. */
const SERIES_CLASS = "chart-series";

/**
 * The recharts part of a time-series chart: grid, axes, and a line or a min/max band per series.
 * Memoized, and given only values that stay equal while the view does: recharts re-derives its
 * whole state (every point of every series) whenever any prop of its tree changes identity, so a
 * parent's re-render (a deploy list refreshed, the crosshair, a pin) must not reach it.
 */
export const SeriesPlot = memo(function SeriesPlot({ series, width, height, margin, xAxisHeight, from, to, xTicks, yDomain, frame, drag }: Props) {
  const data = useMemo(() => mergeSeries(series), [series]);
  const tick = useMemo(() => ({ fontSize: frame.fontSize, fill: frame.axis }), [frame.fontSize, frame.axis]);
  const xDomain = useMemo(() => [from, to], [from, to]);
  const span = to - from;
  const timeLabel = useMemo(() => (ts: number) => timeTickLabel(ts, span), [span]);
  return (
    <ComposedChart width={width} height={height} data={data} margin={margin}>
      <CartesianGrid stroke={frame.grid} vertical={false} verticalCoordinatesGenerator={noVerticalLines} />
      <XAxis dataKey="ts" type="number" scale="time" domain={xDomain} allowDataOverflow ticks={xTicks} interval={0} height={xAxisHeight} tickFormatter={timeLabel} tick={tick} stroke={frame.grid} />
      <YAxis interval={0} width={frame.yAxisWidth} tick={tick} stroke={frame.grid} tickFormatter={valueLabel} domain={yDomain} allowDataOverflow={false} />
      {series.map((s) =>
        s.bucketRows ? (
          // A min/max band: one ranged area, its fill between the edges and its stroke along both (a line per edge would cost recharts the points twice more).
          <Area key={s.name} className={SERIES_CLASS} dataKey={s.name} name={s.name} type="linear" fill={s.color} fillOpacity={0.18} stroke={s.color} strokeWidth={frame.strokeWidth} isAnimationActive={false} connectNulls />
        ) : (
          <Line key={s.name} className={SERIES_CLASS} dataKey={s.name} name={s.name} type="linear" dot={false} stroke={s.color} strokeWidth={frame.strokeWidth} isAnimationActive={false} connectNulls />
        ),
      )}
      {drag && <ReferenceArea x1={drag.a} x2={drag.b} fill="#6366f1" fillOpacity={0.12} />}
    </ComposedChart>
  );
});

const valueLabel = (v: number) => formatValue(v);

// Without it the grid still places (and measures the labels of) vertical lines it does not draw, before the x axis has told it its ticks.
const noVerticalLines = () => [];

type Row = Record<string, number | [number, number]>;

/**
 * One row per timestamp with a column per series, as recharts wants. A bucketed series becomes
 * one row per bucket holding its [min, max] range.
 */
function mergeSeries(series: PlottedSeries[]): Row[] {
  const rows = new Map<number, Row>();
  const put = (ts: number, key: string, value: number | [number, number]) => {
    const row = rows.get(ts) ?? { ts };
    row[key] = value;
    rows.set(ts, row);
  };
  for (const s of series) {
    if (!s.bucketRows) {
      for (const [ts, v] of s.points) put(ts, s.name, v);
      continue;
    }
    for (const b of s.bucketRows) put(b.ts, s.name, [b.min, b.max]);
  }
  return [...rows.values()].sort((a, b) => (a.ts as number) - (b.ts as number));
}

"use client";

import { memo, useId, useMemo } from "react";
import { CartesianGrid, ComposedChart, XAxis, YAxis, usePlotArea, useXAxisScale, useYAxisScale } from "recharts";
import { formatValue } from "@/lib/ui/format";
import { bandPaths, linePath, yAxisFrame, type Scale } from "@/lib/ui/plot-paths";
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
  /** A dark frame, drawn in its own colours (the light frame's follow the page's theme before hydration: SeriesPreview). */
  dark?: boolean;
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
}

/** The class of every drawn series (a line, or a band's area): what tests and scripts wait for. */
const SERIES_CLASS = "chart-series";

/**
 * The recharts part of a time-series chart: grid, axes, and a line or a min/max band per series
 * (the chart draws the range being dragged out over it).
 *
 * recharts draws the frame; the series are paths drawn here against its axis scales (its
 * useXAxisScale / useYAxisScale hooks), and the y axis gets its domain and round ticks from
 * yAxisFrame. Handed the points as chart data, recharts copies every row into its state
 * (frozen by immer) and runs them through its selectors: in a profile of the bench's dashboard,
 * half of recharts' scripting and half of react-dom's (issue 17).
 *
 * Memoized, and given only values that stay equal while the view does, so a parent's re-render (a
 * deploy list refreshed, the crosshair, a pin) does not redraw it.
 */
export const SeriesPlot = memo(function SeriesPlot({ series, width, height, margin, xAxisHeight, from, to, xTicks, yDomain, frame }: Props) {
  const tick = useMemo(() => ({ fontSize: frame.fontSize, fill: frame.axis }), [frame.fontSize, frame.axis]);
  const xDomain = useMemo(() => [from, to], [from, to]);
  // The x axis' two ends are the chart's only rows: recharts lays out an axis only for a chart with data.
  const edges = useMemo(() => [{ ts: from }, { ts: to }], [from, to]);
  const y = useMemo(() => yAxisFrame(series, yDomain), [series, yDomain]);
  const span = to - from;
  const timeLabel = useMemo(() => (ts: number) => timeTickLabel(ts, span), [span]);
  return (
    <ComposedChart width={width} height={height} data={edges} margin={margin}>
      <CartesianGrid stroke={frame.grid} vertical={false} verticalCoordinatesGenerator={noVerticalLines} />
      <XAxis dataKey="ts" type="number" scale="time" domain={xDomain} allowDataOverflow ticks={xTicks} interval={0} height={xAxisHeight} tickFormatter={timeLabel} tick={tick} stroke={frame.grid} />
      <YAxis type="number" interval={0} width={frame.yAxisWidth} tick={tick} stroke={frame.grid} tickFormatter={valueLabel} domain={y?.domain ?? yDomain} ticks={y?.ticks} allowDataOverflow />
      <SeriesPaths series={series} strokeWidth={frame.strokeWidth} />
    </ComposedChart>
  );
});

/** The series, drawn in the plot area (clipped to it) with recharts' axis scales: a band as its area and both edges, a line as one path; a series without a finite value, not at all. */
function SeriesPaths({ series, strokeWidth }: { series: PlottedSeries[]; strokeWidth: number }) {
  const x = useXAxisScale() as Scale | undefined;
  const y = useYAxisScale() as Scale | undefined;
  const area = usePlotArea();
  const clip = useId();
  if (!x || !y || !area) return null;
  return (
    <g>
      <clipPath id={clip}>
        <rect x={area.x} y={area.y} width={area.width} height={area.height} />
      </clipPath>
      {series.map((s) => {
        if (s.bucketRows) {
          const band = bandPaths(s.bucketRows, x, y);
          if (!band.area) return null;
          return (
            <g key={s.name} className={`recharts-area ${SERIES_CLASS}`} clipPath={`url(#${clip})`}>
              <path className="recharts-area-area" d={band.area} fill={s.color} fillOpacity={0.18} stroke="none" />
              <path className="recharts-area-curve" d={band.upper} fill="none" stroke={s.color} strokeWidth={strokeWidth} />
              <path className="recharts-area-curve" d={band.lower} fill="none" stroke={s.color} strokeWidth={strokeWidth} />
            </g>
          );
        }
        const line = linePath(s.points, x, y);
        if (!line) return null;
        return (
          <g key={s.name} className={`recharts-line ${SERIES_CLASS}`} clipPath={`url(#${clip})`}>
            <path className="recharts-line-curve" d={line} fill="none" stroke={s.color} strokeWidth={strokeWidth} />
          </g>
        );
      })}
    </g>
  );
}

const valueLabel = (v: number) => formatValue(v);

// Without it the grid still places (and measures the labels of) vertical lines it does not draw, before the x axis has told it its ticks.
const noVerticalLines = () => [];

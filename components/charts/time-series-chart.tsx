"use client";

import { lazy, Suspense, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import type { DeploymentView } from "@/lib/deploys/present";
import { timeTicks } from "@/lib/ui/time-ticks";
import { toBuckets } from "@/lib/ui/value-at";
import { usePrefersDark } from "@/components/hooks/use-prefers-dark";
import { useCrosshairStore } from "./crosshair";
import { CrosshairReadout, type ReadoutSeries } from "./crosshair-readout";
import { DeployBackdrop, DeployMarkers, STRIP_LANE_PX, useDeployLayout } from "./deploy-markers";
import { SeriesPreview } from "./series-preview";

// recharts' chunk is fetched and run once a chart is measured, not among the page's first scripts: the server's drawing stands until then.
const SeriesPlot = lazy(() => import("./series-plot").then((module) => ({ default: module.SeriesPlot })));

// Fixed plot margins so the deploy overlay lines up with recharts' plot area.
const MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };
const X_AXIS_HEIGHT = 24;
/** How wide a time-axis label ("14:05", "26 Nov") is, in font sizes; and how far apart ticks are at least (a label and a gap). */
const X_LABEL_EMS = 3;
const X_TICK_SPACING_EMS = 5;
/**
 * The plot width deploys are laid out on until the chart's own is measured (the server's HTML):
 * the marks are placed in shares of the plot's width, so only their grouping into the density
 * strip assumes it. A service dashboard's panel in its two-column grid at the page's widest
 * (80rem, less padding and the y axis): there the grouping, and the strip's height, stay as they
 * were when the live chart takes over.
 */
const UNMEASURED_PLOT_WIDTH = 520;

export interface ChartSeries {
  name: string;
  /** The series' label set (shown in the crosshair readout; empty for plain dotted names). */
  labels?: Record<string, string>;
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
  dark?: boolean;
}

const LIGHT_THEME: ChartTheme = { grid: "#e2e8f0", axis: "#64748b", fontSize: 11, strokeWidth: 1, yAxisWidth: 56 };
const DARK_THEME: ChartTheme = { grid: "#1e293b", axis: "#94a3b8", fontSize: 11, strokeWidth: 1, yAxisWidth: 56, dark: true };

interface Props {
  series: ChartSeries[];
  unit?: string | null;
  from: number;
  to: number;
  deploys: DeploymentView[];
  height?: number;
  highlightDeployId?: number;
  onZoom?: (from: number, to: number) => void;
  /** The page's frame; by default light or dark following the system preference. */
  theme?: ChartTheme;
  /** Y axis bounds; a bound left "auto" follows the data (a percentage passes a max of 100). */
  yDomain?: [number | "auto", number | "auto"];
  /** False draws downsampled series as a plain line through their points instead of a min/max band. */
  drawBands?: boolean;
  /** Order of the density strip's environment lanes (e.g. the promotion order). */
  laneOrder?: string[];
}

/** A constant, not a default literal: a new array each render would redraw the plot (see SeriesPlot). */
const AUTO_DOMAIN: [number | "auto", number | "auto"] = ["auto", "auto"];

export const PALETTE = ["#0f172a", "#2563eb", "#db2777", "#16a34a", "#ea580c", "#7c3aed"];
const DARK_PALETTE = ["#e2e8f0", "#60a5fa", "#f472b6", "#4ade80", "#fb923c", "#a78bfa"];

/** The colour of a chart's i-th series, readable on the light or the dark frame. */
export function seriesColor(i: number, dark = false): string {
  const palette = dark ? DARK_PALETTE : PALETTE;
  return palette[i % palette.length];
}

/**
 * A time-series chart with its deploys (lines, bands behind the data, a density strip above it),
 * the page's shared crosshair, and drag-to-zoom.
 */
export function TimeSeriesChart({ series, unit, from, to, deploys, height = 200, highlightDeployId, onZoom, theme, yDomain = AUTO_DOMAIN, drawBands = true, laneOrder }: Props) {
  const prefersDark = usePrefersDark();
  const frame = theme ?? (prefersDark ? DARK_THEME : LIGHT_THEME);
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  // recharts' plot follows the measured width at a lower priority than the overlays: hydrated and
  // measured, the chart answers the pointer (crosshair, zoom, deploy cards) over the server's
  // drawing, and a page of charts mounts its plots afterwards, yielding to input (issue 17).
  const plottedWidth = useDeferredValue(width);
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null);
  const dragRef = useRef<{ a: number; b: number } | null>(null);
  const crosshair = useCrosshairStore();

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const plotWidth = Math.max(0, width - frame.yAxisWidth - MARGIN.right);
  const layout = useDeployLayout(deploys, from, to, plotWidth > 0 ? plotWidth : UNMEASURED_PLOT_WIDTH, highlightDeployId, laneOrder);
  const stripHeight = layout.lanes.length * STRIP_LANE_PX;
  const margin = useMemo(() => ({ ...MARGIN, top: MARGIN.top + stripHeight }), [stripHeight]);
  const xAxisHeight = X_AXIS_HEIGHT + Math.max(0, frame.fontSize - LIGHT_THEME.fontSize);
  const plotHeight = height - margin.top - xAxisHeight;
  const drawn = useMemo(
    () =>
      series.map((s, i) => ({
        ...s,
        color: s.color ?? seriesColor(i, frame.dark),
        bucketRows: drawBands && s.buckets ? toBuckets(s.points, s.buckets.from, s.buckets.bucketMs) : null,
      })),
    [series, drawBands, frame.dark],
  );
  // Ticks chosen here, all of them shown (interval 0): left to recharts, a time axis tries every data timestamp as a tick and measures each label in the DOM.
  const xTicks = useMemo(() => {
    // A label centred on the last tick must not stick out past the chart's right edge.
    const edgeMs = plotWidth > 0 ? (Math.max(0, (X_LABEL_EMS * frame.fontSize) / 2 - MARGIN.right) / plotWidth) * (to - from) : 0;
    return timeTicks(from, to - edgeMs, Math.floor(plotWidth / (X_TICK_SPACING_EMS * frame.fontSize)));
  }, [from, to, plotWidth, frame.fontSize]);
  const readout: ReadoutSeries[] = drawn.map((s) => ({ name: s.name, labels: s.labels, color: s.color, points: s.points, buckets: s.bucketRows }));
  // Pointer position → time, read against the plot area itself rather than recharts' hover state.
  const tsAt = (clientX: number) => {
    const rect = ref.current!.getBoundingClientRect();
    const frac = Math.min(1, Math.max(0, (clientX - rect.left - frame.yAxisWidth) / Math.max(1, plotWidth)));
    return from + frac * (to - from);
  };
  const plotBox = { left: frame.yAxisWidth, right: MARGIN.right, top: margin.top, height: plotHeight };
  const preview = <SeriesPreview series={drawn} from={from} to={to} height={height} margin={margin} xAxisHeight={xAxisHeight} yDomain={yDomain} frame={frame} />;

  return (
    <div
      ref={ref}
      className="relative select-none"
      style={{ height }}
      data-chart
      onMouseDown={(e) => {
        if (!onZoom || e.button !== 0) return;
        dragRef.current = { a: tsAt(e.clientX), b: tsAt(e.clientX) };
        setDrag(dragRef.current);
      }}
      onMouseMove={(e) => {
        const ts = tsAt(e.clientX);
        crosshair.set(ts);
        if (dragRef.current) {
          dragRef.current = { ...dragRef.current, b: ts };
          setDrag(dragRef.current);
        }
      }}
      onMouseUp={(e) => {
        // The ref, not the state: the last move may not have rendered yet when the button comes up.
        const done = dragRef.current && { ...dragRef.current, b: tsAt(e.clientX) };
        dragRef.current = null;
        setDrag(null);
        if (done && onZoom && Math.abs(done.b - done.a) > (to - from) / 200) onZoom(Math.min(done.a, done.b), Math.max(done.a, done.b));
      }}
      onMouseLeave={() => {
        dragRef.current = null;
        setDrag(null);
        crosshair.set(null);
      }}
    >
      <div className="pointer-events-none absolute" style={plotBox}>
        <DeployBackdrop layout={layout} height={plotHeight} />
      </div>
      {/* One boundary throughout: the plot's chunk loading under a deferred render leaves the preview shown, not remounted. */}
      <Suspense fallback={preview}>
        {plottedWidth > 0 ? (
          <SeriesPlot series={drawn} width={plottedWidth} height={height} margin={margin} xAxisHeight={xAxisHeight} from={from} to={to} xTicks={xTicks} yDomain={yDomain} frame={frame} />
        ) : (
          preview
        )}
      </Suspense>
      <div className="pointer-events-none absolute" style={plotBox}>
        {drag && <DragRange from={from} to={to} a={drag.a} b={drag.b} />}
        <DeployMarkers layout={layout} height={plotHeight} highlightId={highlightDeployId} />
        <CrosshairReadout store={crosshair} from={from} to={to} width={plotWidth} height={plotHeight} series={readout} deploys={deploys} unit={unit} dark={frame.dark} />
      </div>
      {layout.cut > 0 && (
        <p className="absolute right-3 bottom-0 text-[10px] text-amber-700" data-cut={layout.cut}>
          {layout.cut} failed deploys or rollbacks beyond the {layout.prominent.length}-line limit are counted in the strip
        </p>
      )}
    </div>
  );
}

/** The range being dragged out to zoom into, over the plot area (before recharts' plot is drawn too). */
function DragRange({ from, to, a, b }: { from: number; to: number; a: number; b: number }) {
  const share = (ts: number) => `${((ts - from) / Math.max(1, to - from)) * 100}%`;
  return <div data-drag-range className="absolute inset-y-0 bg-indigo-500/[0.12]" style={{ left: share(Math.min(a, b)), width: share(from + Math.abs(b - a)) }} />;
}

import { memo } from "react";
import { formatValue } from "@/lib/ui/format";
import { bandPaths, linePath, yAxisFrame, type Scale } from "@/lib/ui/plot-paths";
import type { PlotFrame, PlottedSeries } from "./series-plot";

interface Props {
  series: PlottedSeries[];
  from: number;
  to: number;
  height: number;
  margin: { top: number; right: number };
  xAxisHeight: number;
  yDomain: [number | "auto", number | "auto"];
  frame: PlotFrame;
}

/** The preview's x coordinates run 0…VIEW_WIDTH across the plot, stretched to its width by the browser. */
const VIEW_WIDTH = 1000;
/** Room between a y tick's label and the axis line, as recharts leaves it (its tick size and margin). */
const Y_LABEL_GAP_PX = 8;

/**
 * The light frame's colours (the chart's palette, grid and axis) as the Tailwind colours they are.
 * The server cannot know that a reader prefers dark, so it draws the light frame; through these
 * variables the page's dark theme (app/theme-dark.css) recolours that drawing with the rest of
 * the page until the hydrated chart picks its dark frame.
 */
const TAILWIND_OF: Record<string, string> = {
  "#0f172a": "slate-900",
  "#2563eb": "blue-600",
  "#db2777": "pink-600",
  "#16a34a": "green-600",
  "#ea580c": "orange-600",
  "#7c3aed": "violet-600",
  "#94a3b8": "slate-400",
  "#e2e8f0": "slate-200",
  "#64748b": "slate-500",
};
const themed = (color: string) => (TAILWIND_OF[color] ? `var(--color-${TAILWIND_OF[color]}, ${color})` : color);

/**
 * A chart as the server's HTML draws it, before the browser has measured the chart's width: the
 * series in an SVG stretched across the plot area (strokes kept at their width), the y axis' ticks
 * and grid from yAxisFrame, as recharts will draw them. Hydration renders the same, and the chart
 * swaps in its recharts plot once its width is known and the page has time for it, so a page of
 * charts reads at first paint instead of after its scripts have run (issue 17). No time labels:
 * their ticks are wall-clock times, and the server's time zone need not be the reader's.
 *
 * Memoized: the chart's render that takes its measured width (its overlays laid out) leaves it be.
 */
export const SeriesPreview = memo(function SeriesPreview({ series, from, to, height, margin, xAxisHeight, yDomain, frame }: Props) {
  const y = yAxisFrame(series, yDomain);
  if (!y) return null;
  // A dark frame (the standup TV's, or the reader's preference once hydrated) is drawn as it is; the light one follows the page's theme.
  const color = frame.dark ? (c: string) => c : themed;
  const rule = `1px solid ${color(frame.grid)}`;
  const plotHeight = height - margin.top - xAxisHeight;
  const [lo, hi] = y.domain;
  const yAt: Scale = (v) => (hi > lo ? ((hi - v) / (hi - lo)) * plotHeight : plotHeight / 2);
  const xAt: Scale = (ts) => ((ts - from) / Math.max(1, to - from)) * VIEW_WIDTH;
  const line = { strokeWidth: frame.strokeWidth, vectorEffect: "non-scaling-stroke" } as const;
  return (
    <div aria-hidden className="chart-preview pointer-events-none absolute inset-0">
      {y.ticks.map((t) => (
        <div
          key={t}
          className="absolute left-0 -translate-y-1/2 text-right leading-none"
          style={{ top: margin.top + yAt(t), width: frame.yAxisWidth - Y_LABEL_GAP_PX, fontSize: frame.fontSize, color: color(frame.axis) }}
        >
          {formatValue(t)}
        </div>
      ))}
      <div className="absolute" style={{ left: frame.yAxisWidth, right: margin.right, top: margin.top, height: plotHeight }}>
        {/* The axis lines and the grid as rules over the plot, not its borders: a border would move the series off the deploy marks by its width. */}
        <div className="absolute inset-y-0 left-0" style={{ borderLeft: rule }} />
        {[...new Set([...y.ticks.map(yAt), plotHeight])].map((top) => (
          <div key={top} className="absolute inset-x-0" style={{ top, borderTop: rule }} />
        ))}
        <svg className="absolute inset-0 h-full w-full overflow-hidden" viewBox={`0 0 ${VIEW_WIDTH} ${plotHeight}`} preserveAspectRatio="none">
          {series.map((s) => {
            if (s.bucketRows) {
              // The area's outline stands in for the band's two edges: half the bytes of HTML, and only its closing ends are drawn besides.
              const { area } = bandPaths(s.bucketRows, xAt, yAt);
              return area && <path key={s.name} d={area} style={{ stroke: color(s.color), fill: color(s.color) }} {...line} fillOpacity={0.18} />;
            }
            const d = linePath(s.points, xAt, yAt);
            return d && <path key={s.name} d={d} style={{ stroke: color(s.color), fill: "none" }} {...line} />;
          })}
        </svg>
      </div>
    </div>
  );
});

"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import type { DeploymentView } from "@/lib/deploys/present";
import { layoutDeploys, type DeployLayout } from "@/lib/ui/cluster-deploys";
import { deployColor, ENV_COLORS, isDetected, isTroubled, lineStyle } from "@/lib/ui/deploy-style";
import { DeployHoverCard } from "./deploy-hover-card";

/** Height of one environment lane of the density strip, drawn in the chart's top margin. */
export const STRIP_LANE_PX = 11;

const idsOf = (deploys: DeploymentView[]) => deploys.map((d) => d.id).join(" ");

/**
 * The marks of a chart's deploys: computed once per chart, drawn by the backdrop and the markers.
 * A detected deploy keeps a line of its own like a failure: counted in a strip cell beside
 * recorded ones, nothing would show that nobody recorded it.
 */
export function useDeployLayout(deploys: DeploymentView[], from: number, to: number, width: number, highlightId?: number, laneOrder?: string[]) {
  return useMemo(
    () => layoutDeploys(deploys, from, to, Math.max(1, width), (d) => isTroubled(d) || isDetected(d) || d.id === highlightId, { laneOrder }),
    [deploys, from, to, width, highlightId, laneOrder],
  );
}

/**
 * A position or width of the layout as a share of the plot's width, so that marks laid out
 * before the chart was measured (the server's HTML) land where they belong at any width.
 * Thousandths of a percent: a fiftieth of a pixel on a 2,000-px plot.
 */
const share = (layout: DeployLayout<DeploymentView>) => (px: number) => `${Math.round((px / layout.width) * 100_000) / 1000}%`;

/**
 * What goes behind the data: translucent start-to-finish bands (only where wider than a few
 * pixels) and the thin lines of ordinary deploys, so the series stays readable on top.
 */
export function DeployBackdrop({ layout, height }: { layout: DeployLayout<DeploymentView>; height: number }) {
  const at = share(layout);
  return (
    <>
      {[...layout.prominent, ...layout.lines]
        .filter((p) => p.band)
        .map((p) => (
          <div key={`band-${p.deploy.id}`} aria-hidden className="absolute top-0" style={{ left: at(p.x), width: at(p.x2 - p.x), height, background: deployColor(p.deploy), opacity: 0.08 }} />
        ))}
      {layout.lines.map((p) => (
        <div key={`line-${p.deploy.id}`} aria-hidden className="absolute top-0" style={{ left: at(p.x), height, borderLeft: `1px ${lineStyle(p.deploy)} ${deployColor(p.deploy)}`, opacity: 0.55 }} />
      ))}
    </>
  );
}

interface MarkersProps {
  layout: DeployLayout<DeploymentView>;
  height: number;
  highlightId?: number;
}

/**
 * The interactive marks over a chart's plot: failed deploys and rollbacks as dashed lines of their
 * own, hover targets for the thin lines (a detected deploy's with a hollow ring on top), and the
 * density strip above the plot whose cells list their deploys on hover (click pins the list).
 * Every mark carries the ids it stands for in `data-deploy-id`, space-separated.
 */
export function DeployMarkers({ layout, height, highlightId }: MarkersProps) {
  const router = useRouter();
  const [hovered, setHovered] = useState<{ key: string; x: number; deploys: DeploymentView[] } | null>(null);
  const [pinned, setPinned] = useState<string | null>(null);
  const open = (id: number) => router.push(`/deployments/${id}`);
  const stripHeight = layout.lanes.length * STRIP_LANE_PX;
  const maxCount = Math.max(1, ...layout.cells.map((c) => c.deploys.length));
  const hover = (key: string, x: number, deploys: DeploymentView[]) => ({
    onMouseEnter: () => setHovered({ key, x, deploys }),
    onMouseLeave: () => setHovered((h) => (h?.key === key && pinned !== key ? null : h)),
  });
  const shown = hovered;
  const targets = useMemo(() => hitTargets(layout), [layout]);
  const at = share(layout);

  return (
    <div className="pointer-events-none absolute inset-0" style={{ height }}>
      {layout.cells.map((cell) => {
        const key = `cell-${cell.lane}-${cell.x}`;
        const count = cell.deploys.length;
        return (
          <div
            key={key}
            data-deploy-id={idsOf(cell.deploys)}
            data-environment={cell.lane}
            data-kind="deploy"
            data-count={count}
            data-warned={cell.deploys.some((d) => d.warnings.length > 0) ? "true" : undefined}
            role="button"
            aria-label={`${count} ${count === 1 ? "deploy" : "deploys"} to ${cell.lane}`}
            className="pointer-events-auto absolute flex cursor-pointer items-center justify-center overflow-hidden rounded-[2px] text-[9px] leading-none font-semibold"
            style={{
              left: at(cell.x),
              top: layout.lanes.indexOf(cell.lane) * STRIP_LANE_PX - stripHeight - 2,
              width: `max(3px, calc(${at(cell.width)} - 1px))`,
              height: STRIP_LANE_PX - 2,
              background: ENV_COLORS[cell.lane] ?? "#64748b",
              color: "#fff",
              opacity: 0.35 + (0.65 * count) / maxCount,
            }}
            {...hover(key, cell.x, cell.deploys)}
            onClick={() => {
              setPinned((p) => (p === key ? null : key));
              setHovered({ key, x: cell.x, deploys: cell.deploys });
            }}
          >
            {count > 1 && cell.width >= 10 ? count : null}
          </div>
        );
      })}
      {targets.map(({ deploy, x, hitWidth, prominent }) => {
        const key = `line-${deploy.id}`;
        const strong = deploy.id === highlightId;
        return (
          <div
            key={key}
            data-deploy-id={deploy.id}
            data-environment={deploy.environment}
            data-kind={deploy.kind}
            data-source={deploy.source}
            data-warned={deploy.warnings.length > 0 ? "true" : undefined}
            role="link"
            aria-label={`${isDetected(deploy) ? "detected " : ""}${deploy.kind} ${deploy.version} to ${deploy.environment}`}
            className="pointer-events-auto absolute top-0 -translate-x-1/2 cursor-pointer"
            style={{ left: at(x), width: hitWidth, height }}
            {...hover(key, x, [deploy])}
            onClick={() => open(deploy.id)}
          >
            {prominent && (
              <div
                className="mx-auto h-full"
                style={{
                  width: 0,
                  borderLeft: `${strong ? 3 : 2}px ${lineStyle(deploy)} ${deployColor(deploy)}`,
                  opacity: shown?.key === key || strong ? 1 : 0.85,
                }}
              />
            )}
            {isDetected(deploy) && (
              // Nobody recorded it: a hollow ring atop the line, as the legend says.
              <span
                aria-hidden
                data-detected-mark
                className="absolute top-0 left-1/2 h-2 w-2 -translate-x-1/2 rounded-full border-2 bg-white"
                style={{ borderColor: deployColor(deploy) }}
              />
            )}
            {deploy.warnings.length > 0 && (
              // Skipped promotion order: a small mark near the top of the line; the reasons are in the hover card.
              <span
                aria-label="promotion warning"
                className="absolute top-1 left-1/2 -translate-x-1/2 rounded-sm bg-amber-50 px-0.5 text-[11px] leading-tight text-amber-700 ring-1 ring-amber-300"
              >
                ⚠
              </span>
            )}
          </div>
        );
      })}
      {shown && (
        <div
          className="pointer-events-auto absolute top-3 z-20 max-h-80 w-64 overflow-y-auto rounded-md border border-slate-200 bg-white p-2 shadow-lg"
          style={{ left: shown.x > layout.width - 260 ? shown.x - 266 : shown.x + 10 }}
          onMouseEnter={() => setHovered(shown)}
          onMouseLeave={() => pinned !== shown.key && setHovered(null)}
          data-deploy-list
        >
          {shown.deploys.length === 1 ? (
            <div className="cursor-pointer" onClick={() => open(shown.deploys[0].id)}>
              <DeployHoverCard deploy={shown.deploys[0]} />
            </div>
          ) : (
            <>
              <div className="mb-1 flex items-center justify-between text-xs text-slate-500">
                <span>{shown.deploys.length} deploys</span>
                {pinned === shown.key && (
                  <button type="button" className="hover:text-slate-800" onClick={() => (setPinned(null), setHovered(null))}>
                    close ✕
                  </button>
                )}
              </div>
              <ul className="divide-y divide-slate-100">
                {shown.deploys.map((deploy) => (
                  <li key={deploy.id} className="cursor-pointer py-1 hover:bg-slate-50" onClick={() => open(deploy.id)}>
                    <DeployHoverCard deploy={deploy} />
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}

/** Widest hover target of a line; narrower where lines are closer, so neighbours never cover each other. */
const HIT_PX = 9;

/** The lines' hover targets, drawn left to right, prominent ones last (on top of ordinary ones). */
function hitTargets(layout: DeployLayout<DeploymentView>) {
  const prominent = new Set(layout.prominent);
  const all = [...layout.lines, ...layout.prominent].sort((a, b) => a.x - b.x);
  const sized = all.map((p, i) => {
    const gap = Math.min(i > 0 ? p.x - all[i - 1].x : Infinity, i < all.length - 1 ? all[i + 1].x - p.x : Infinity);
    return { deploy: p.deploy, x: p.x, prominent: prominent.has(p), hitWidth: Math.max(2, Math.min(HIT_PX, gap)) };
  });
  return [...sized.filter((t) => !t.prominent), ...sized.filter((t) => t.prominent)];
}

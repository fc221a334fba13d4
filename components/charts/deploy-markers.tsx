"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import type { DeploymentView } from "@/lib/deploys/present";
import { clusterDeploys } from "@/lib/ui/cluster-deploys";
import { deployColor, isTroubled } from "@/lib/ui/deploy-style";
import { DeployHoverCard } from "./deploy-hover-card";

interface Props {
  deploys: DeploymentView[];
  from: number;
  to: number;
  width: number;
  height: number;
  /** Deploy to emphasise (e.g. on its own detail page). */
  highlightId?: number;
}

/**
 * Vertical deploy lines over a chart's plot area. Each deploy is an element carrying
 * `data-deploy-id`; deploys closer than a few pixels merge into one marker with a count
 * that lists them on hover; a deploy with a start and a finish is shaded as a band; a deploy
 * recorded with promotion warnings carries a ⚠ near its top (and `data-warned`).
 */
export function DeployMarkers({ deploys, from, to, width, height, highlightId }: Props) {
  const router = useRouter();
  const clusters = useMemo(() => (width > 0 ? clusterDeploys(deploys, from, to, width) : []), [deploys, from, to, width]);
  const [hovered, setHovered] = useState<number | null>(null);
  const open = (id: number) => router.push(`/deployments/${id}`);

  return (
    <div className="pointer-events-none absolute inset-0" style={{ width, height }}>
      {clusters.map((cluster, index) => {
        const single = cluster.items.length === 1;
        const first = cluster.items[0].deploy;
        const cardLeft = cluster.x > width - 260 ? -256 : 10;
        return (
          <div key={`${first.id}-${index}`} className="absolute top-0" style={{ left: cluster.x, height }}>
            {cluster.items.map(({ deploy, x, x2 }) => (
              <div key={deploy.id}>
                {x2 - x >= 3 && (
                  <div
                    aria-hidden
                    className="absolute top-0"
                    style={{ left: x - cluster.x, width: x2 - x, height, background: deployColor(deploy), opacity: 0.1 }}
                  />
                )}
                <div
                  data-deploy-id={deploy.id}
                  data-environment={deploy.environment}
                  data-kind={deploy.kind}
                  data-warned={deploy.warnings.length > 0 ? "true" : undefined}
                  role="link"
                  aria-label={`${deploy.kind} ${deploy.version} to ${deploy.environment}`}
                  className="pointer-events-auto absolute top-0 w-[9px] -translate-x-1/2 cursor-pointer"
                  style={{ left: x - cluster.x, height }}
                  onMouseEnter={() => setHovered(index)}
                  onMouseLeave={() => setHovered(null)}
                  onClick={() => open(deploy.id)}
                >
                  <div
                    className="mx-auto h-full"
                    style={{
                      width: deploy.id === highlightId ? 3 : 0,
                      borderLeft: `${deploy.id === highlightId ? 3 : 2}px ${isTroubled(deploy) ? "dashed" : "solid"} ${deployColor(deploy)}`,
                      opacity: hovered === index || deploy.id === highlightId ? 1 : 0.75,
                    }}
                  />
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
              </div>
            ))}
            {!single && (
              <div
                className="pointer-events-auto absolute -top-2 -translate-x-1/2 cursor-default rounded-full px-1.5 text-[10px] font-semibold text-white shadow"
                style={{ background: deployColor(cluster.items.find((i) => isTroubled(i.deploy))?.deploy ?? first) }}
                onMouseEnter={() => setHovered(index)}
                onMouseLeave={() => setHovered(null)}
                title={`${cluster.items.length} deploys`}
              >
                {cluster.items.length}
              </div>
            )}
            {hovered === index && (
              <div
                className="pointer-events-auto absolute top-3 z-20 max-h-80 w-64 overflow-y-auto rounded-md border border-slate-200 bg-white p-2 shadow-lg"
                style={{ left: cardLeft }}
                onMouseEnter={() => setHovered(index)}
                onMouseLeave={() => setHovered(null)}
              >
                {single ? (
                  <div className="cursor-pointer" onClick={() => open(first.id)}>
                    <DeployHoverCard deploy={first} />
                  </div>
                ) : (
                  <ul className="divide-y divide-slate-100">
                    {cluster.items.map(({ deploy }) => (
                      <li key={deploy.id} className="cursor-pointer py-1 hover:bg-slate-50" onClick={() => open(deploy.id)}>
                        <DeployHoverCard deploy={deploy} />
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}

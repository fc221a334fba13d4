"use client";

import { Line, LineChart, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { useInView } from "@/components/hooks/use-in-view";
import { usePrefersDark } from "@/components/hooks/use-prefers-dark";
import { deployColor, isDetected } from "@/lib/ui/deploy-style";

interface SparkDeploy {
  id: number;
  startedAt: number;
  environment: string;
  kind: string;
  status: string;
  source?: string;
}

/** A small line with a tick per deploy (dotted for a detected one), for overview cards. */
export function Sparkline({ points, deploys, height = 48 }: { points: [number, number][]; deploys: SparkDeploy[]; height?: number }) {
  const dark = usePrefersDark();
  // Fifty cards or rows of sparklines: only those near the viewport draw a chart.
  const { ref, inView } = useInView<HTMLDivElement>();
  if (points.length === 0) return <div ref={ref} className="flex h-12 items-center text-xs text-slate-400">no data in the last 24 h</div>;
  const data = points.map(([ts, v]) => ({ ts, v }));
  if (!inView) return <div ref={ref} style={{ height }} />;
  return (
    <div ref={ref} style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 4, right: 0, bottom: 0, left: 0 }}>
          <XAxis dataKey="ts" type="number" domain={["dataMin", "dataMax"]} hide />
          <YAxis hide domain={["auto", "auto"]} />
          {deploys.map((d) => (
            <ReferenceLine key={d.id} x={d.startedAt} stroke={deployColor(d)} strokeOpacity={0.6} strokeDasharray={isDetected(d) ? "1 2" : undefined} ifOverflow="hidden" />
          ))}
          <Line type="monotone" dataKey="v" dot={false} stroke={dark ? "#cbd5e1" : "#334155"} strokeWidth={1.2} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

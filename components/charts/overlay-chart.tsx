"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatValue } from "@/lib/ui/format";

export interface OverlaySeries {
  name: string;
  color: string;
  /** [minutes since the deploy, value] */
  points: [number, number][];
}

/** Two or more series on one "minutes since deploy" axis, to see how releases behaved after going out. */
export function OverlayChart({ series, minutes, unit, height = 140 }: { series: OverlaySeries[]; minutes: number; unit?: string | null; height?: number }) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis
          dataKey="0"
          type="number"
          domain={[0, minutes]}
          allowDataOverflow
          tick={{ fontSize: 10, fill: "#64748b" }}
          tickFormatter={(m: number) => `+${Math.round(m)}m`}
          height={20}
        />
        <YAxis width={44} tick={{ fontSize: 10, fill: "#64748b" }} tickFormatter={(v: number) => formatValue(v)} domain={["auto", "auto"]} />
        <Tooltip
          isAnimationActive={false}
          labelFormatter={(m) => `+${Number(m).toFixed(1)} min`}
          formatter={(v) => formatValue(Number(v), unit)}
          contentStyle={{ fontSize: 11 }}
        />
        <Legend wrapperStyle={{ fontSize: 11 }} height={18} />
        {series.map((s) => (
          <Line key={s.name} name={s.name} data={s.points} dataKey="1" type="linear" dot={false} stroke={s.color} strokeWidth={1.25} isAnimationActive={false} />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

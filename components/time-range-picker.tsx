"use client";

import { RANGE_PRESETS } from "./hooks/use-time-range";

interface Props {
  fromText: string;
  toText: string;
  onChange: (from: string, to: string) => void;
}

/** Preset ranges (1h … 30d); a zoomed range shows as "custom" with a way back. */
export function TimeRangePicker({ fromText, toText, onChange }: Props) {
  const active = toText === "now" ? RANGE_PRESETS.find((p) => fromText === `-${p}`) : undefined;
  return (
    <div className="inline-flex items-center gap-1 rounded-md border border-slate-200 bg-white p-0.5 text-sm" role="group" aria-label="time range">
      {RANGE_PRESETS.map((p) => (
        <button
          key={p}
          type="button"
          onClick={() => onChange(`-${p}`, "now")}
          aria-pressed={active === p}
          className={`rounded px-2 py-0.5 ${active === p ? "bg-indigo-600 text-white" : "text-slate-600 hover:bg-slate-100"}`}
        >
          {p}
        </button>
      ))}
      {!active && <span className="px-2 text-xs text-slate-500">custom range</span>}
    </div>
  );
}

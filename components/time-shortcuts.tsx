"use client";

import { useEffect, useRef, useState } from "react";
import { shiftRange, zoomOutRange } from "@/lib/time/shift-range";

interface Props {
  from: number;
  to: number;
  onChange: (from: number, to: number) => void;
}

const SHORTCUTS: [string, string][] = [
  ["t ←", "move the time range back by half its span"],
  ["t →", "move the time range forward by half its span"],
  ["t z  or  ctrl+z", "zoom out (twice the span)"],
  ["drag on a chart", "zoom in to the dragged range"],
  ["?", "show or hide this help"],
];

/** `t` then a second key within this long makes a chord, as in Grafana. */
const CHORD_MS = 1500;

/**
 * Grafana's time-range keys for a page with charts (`t←`, `t→`, `t z` / ctrl+z) and a `?` help
 * that lists them; keys typed into a form field are left alone.
 */
export function TimeShortcuts({ from, to, onChange }: Props) {
  const [help, setHelp] = useState(false);
  const chord = useRef(0);
  const range = useRef({ from, to, onChange });
  range.current = { from, to, onChange };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
      const { from: f, to: t, onChange: change } = range.current;
      const inChord = Date.now() - chord.current < CHORD_MS;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "z") {
        e.preventDefault();
        change(...zoomOutRange(f, t, Date.now()));
      } else if (e.ctrlKey || e.metaKey || e.altKey) {
        return;
      } else if (inChord && (e.key === "ArrowLeft" || e.key === "ArrowRight")) {
        e.preventDefault();
        chord.current = 0;
        change(...shiftRange(f, t, e.key === "ArrowLeft" ? -1 : 1));
      } else if (inChord && e.key.toLowerCase() === "z") {
        chord.current = 0;
        change(...zoomOutRange(f, t, Date.now()));
      } else if (e.key === "t") {
        chord.current = Date.now();
      } else if (e.key === "?") {
        setHelp((h) => !h);
      } else if (e.key === "Escape") {
        setHelp(false);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <>
      <button type="button" onClick={() => setHelp((h) => !h)} className="rounded border border-slate-300 px-1.5 text-sm text-slate-600 hover:bg-slate-100" title="keyboard shortcuts (?)" aria-label="keyboard shortcuts">
        ?
      </button>
      {help && (
        <div role="dialog" aria-label="keyboard shortcuts" className="fixed inset-0 z-50 flex items-start justify-center bg-slate-900/30 pt-24" onClick={() => setHelp(false)}>
          <div className="w-96 rounded-lg border border-slate-200 bg-white p-4 shadow-xl" onClick={(e) => e.stopPropagation()}>
            <h2 className="mb-2 font-semibold">Keyboard shortcuts</h2>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              {SHORTCUTS.map(([keys, what]) => (
                <div key={keys} className="contents">
                  <dt className="font-mono whitespace-pre text-slate-800">{keys}</dt>
                  <dd className="text-slate-600">{what}</dd>
                </div>
              ))}
            </dl>
            <p className="mt-3 text-xs text-slate-500">Esc or a click outside closes this.</p>
          </div>
        </div>
      )}
    </>
  );
}

"use client";

import { useEffect, useRef } from "react";

/**
 * A bar filling up until the next service; restarted by a new `cycle`. The browser animates it
 * (Web Animations), so no timer or state update runs per frame.
 */
export function RotationProgress({ durationMs, cycle }: { durationMs: number; cycle: string }) {
  const bar = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const animation = bar.current?.animate([{ transform: "scaleX(0)" }, { transform: "scaleX(1)" }], { duration: durationMs, easing: "linear", fill: "forwards" });
    return () => animation?.cancel();
  }, [durationMs, cycle]);
  return (
    <div className="h-2 w-full overflow-hidden rounded-full bg-slate-800" role="progressbar" aria-label="time until the next service">
      <div ref={bar} className="h-full origin-left bg-sky-400" style={{ transform: "scaleX(0)" }} />
    </div>
  );
}

"use client";

import { useEffect, useState } from "react";

/** The wall clock, large; rendered after mount only, so server and browser never disagree on the time. */
export function StandupClock() {
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (!now) return null;
  return (
    <div className="text-right" data-clock>
      <div className="text-7xl font-semibold tabular-nums leading-none">{now.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" })}</div>
      <div className="mt-2 text-2xl text-slate-400">{now.toLocaleDateString("en-GB", { weekday: "long", day: "numeric", month: "long" })}</div>
    </div>
  );
}

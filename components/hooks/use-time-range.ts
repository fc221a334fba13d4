"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { parseTime } from "@/lib/time/parse-time";
import { REFRESH_MS } from "@/lib/query-client";

export const RANGE_PRESETS = ["1h", "6h", "24h", "7d", "30d"] as const;

/**
 * The view's time range, kept in the URL (`?from=-24h&to=now`, any API time format) so a link
 * reproduces it. A relative range slides forward on the refresh interval.
 */
export function useTimeRange(defaultFrom = "-24h", initialNow?: number) {
  const params = useSearchParams();
  const pathname = usePathname();
  const fromText = params.get("from") ?? defaultFrom;
  const toText = params.get("to") ?? "now";
  // The server's clock on first render, so the range (and the data it rendered for) match.
  const [now, setNow] = useState(() => initialNow ?? Date.now());
  const relative = toText === "now" || toText.startsWith("-");
  useEffect(() => {
    if (!relative) return;
    const timer = setInterval(() => setNow(Date.now()), REFRESH_MS);
    return () => clearInterval(timer);
  }, [relative]);
  const from = parseTime(fromText, now);
  const to = parseTime(toText, now);
  const valid = from !== null && to !== null && from < to;

  const setParams = useCallback(
    (changes: Record<string, string | null>) => {
      const next = new URLSearchParams(params.toString());
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) next.delete(key);
        else next.set(key, value);
      }
      // Native pushState keeps the view client-side (no server round trip) and Next syncs useSearchParams.
      window.history.pushState(null, "", `${pathname}?${next}`);
    },
    [params, pathname],
  );

  const setRange = useCallback((f: string | number, t: string | number) => setParams({ from: String(f), to: String(t) }), [setParams]);

  return {
    fromText,
    toText,
    from: valid ? from : now - 86_400_000,
    to: valid ? to : now,
    error: valid ? null : `Invalid range "${fromText}" → "${toText}"; showing the last 24 h`,
    setRange,
    setParams,
    params,
  };
}

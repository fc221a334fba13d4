"use client";

import { useCallback, useSyncExternalStore, type ReactNode } from "react";
import { formatTime, formatTimeUtc } from "@/lib/ui/format";

const never = () => () => {};

/**
 * Formats times in the reader's time zone ("26 Nov, 14:05", with seconds when asked). While the
 * server renders, and through hydration, it gives UTC and says so: the server does not know the
 * reader's zone, and a text that differs at hydration makes React throw the page's HTML away and
 * render all of it again. The hydrated page then renders again in local time.
 */
export function useLocalTimeFormat(): (ts: number, withSeconds?: boolean) => string {
  const hydrated = useSyncExternalStore(never, () => true, () => false);
  return useCallback((ts: number, withSeconds = false) => (hydrated ? formatTime(ts, withSeconds) : formatTimeUtc(ts, withSeconds)), [hydrated]);
}

/**
 * A time in the reader's time zone (see useLocalTimeFormat), usable from server components: its
 * text is the time (or `children`, e.g. "3h ago"), its title the time to the second.
 */
export function LocalTime({ ts, withSeconds = false, children }: { ts: number; withSeconds?: boolean; children?: ReactNode }) {
  const format = useLocalTimeFormat();
  return (
    <time dateTime={new Date(ts).toISOString()} title={format(ts, true)}>
      {children ?? format(ts, withSeconds)}
    </time>
  );
}

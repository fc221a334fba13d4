"use client";

import { useSyncExternalStore } from "react";
import { formatTime, formatTimeUtc } from "@/lib/ui/format";

const never = () => () => {};

/**
 * A time in the reader's time zone ("26 Nov, 14:05"). The server's HTML, and hydration, show it in
 * UTC and say so: the server does not know the reader's zone, and a text that differs at hydration
 * makes React throw the page's HTML away and render all of it again (a dashboard's charts too).
 */
export function LocalTime({ ts }: { ts: number }) {
  const hydrated = useSyncExternalStore(never, () => true, () => false);
  return <time dateTime={new Date(ts).toISOString()}>{hydrated ? formatTime(ts) : `${formatTimeUtc(ts)} UTC`}</time>;
}

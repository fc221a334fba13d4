"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Re-renders a server page in place every few seconds (no reload, scroll kept). */
export function AutoRefresh({ everyMs = 15_000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return null;
}

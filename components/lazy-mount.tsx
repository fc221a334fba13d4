"use client";

import { useEffect, useState, type ReactNode } from "react";
import { useInView } from "@/components/hooks/use-in-view";

/**
 * Mounts its children once they come near the viewport and keeps them mounted: a page of 200
 * charts draws (and fetches) the few in view, and a chart scrolled past does not load again.
 * The placeholder holds `minHeight`, so the page does not jump as charts arrive.
 */
export function LazyMount({ minHeight, children }: { minHeight: number; children: ReactNode }) {
  const { ref, inView } = useInView<HTMLDivElement>();
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    if (inView) setSeen(true);
  }, [inView]);
  return (
    <div ref={ref} style={{ minHeight }}>
      {seen ? children : null}
    </div>
  );
}

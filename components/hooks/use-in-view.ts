"use client";

import { useEffect, useRef, useState } from "react";

/**
 * True while the element is within `margin` of the viewport, so a page of 200 charts mounts
 * (and fetches, and refreshes) only the few a user can see.
 */
export function useInView<T extends Element>(margin = "400px") {
  const ref = useRef<T>(null);
  const [inView, setInView] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new IntersectionObserver(([entry]) => setInView(entry.isIntersecting), { rootMargin: margin });
    observer.observe(el);
    return () => observer.disconnect();
  }, [margin]);
  return { ref, inView };
}

"use client";

import { useCallback, useEffect, useState } from "react";

/**
 * True while the element is within `margin` of the viewport, so a page of 200 charts mounts
 * (and fetches, and refreshes) only the few a user can see. `ref` is a callback ref: the element
 * may change between renders (a placeholder, then the chart) and is observed each time.
 */
export function useInView<T extends Element>(margin = "400px") {
  const [element, setElement] = useState<T | null>(null);
  const [inView, setInView] = useState(false);
  const ref = useCallback((el: T | null) => setElement(el), []);
  useEffect(() => {
    if (!element) return;
    const observer = new IntersectionObserver(([entry]) => setInView(entry.isIntersecting), { rootMargin: margin });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element, margin]);
  return { ref, inView };
}

"use client";

import { useCallback, useEffect, useEffectEvent, useState } from "react";

/**
 * True while the element is within `margin` of the viewport, so a page of 200 charts mounts
 * (and fetches, and refreshes) only the few a user can see. `ref` is a callback ref: the element
 * may change between renders (a placeholder, then the chart) and is observed each time.
 * `onEnter` runs in the observer's callback as the element comes near, before React renders
 * anything for it: the place to start a fetch that should not wait for that render.
 */
export function useInView<T extends Element>({ margin = "400px", onEnter }: { margin?: string; onEnter?: () => void } = {}) {
  const [element, setElement] = useState<T | null>(null);
  const [inView, setInView] = useState(false);
  const ref = useCallback((el: T | null) => setElement(el), []);
  const entered = useEffectEvent(() => onEnter?.());
  useEffect(() => {
    if (!element) return;
    const observer = new IntersectionObserver(
      ([entry]) => {
        if (entry.isIntersecting) entered();
        setInView(entry.isIntersecting);
      },
      { rootMargin: margin },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [element, margin]);
  return { ref, inView };
}

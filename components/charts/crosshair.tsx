"use client";

import { createContext, useContext, useState, useSyncExternalStore, type ReactNode } from "react";

/** The time under the pointer, shared by every chart inside one provider (Grafana's shared crosshair). */
export interface CrosshairStore {
  get: () => number | null;
  set: (ts: number | null) => void;
  subscribe: (listener: () => void) => () => void;
}

function createCrosshairStore(): CrosshairStore {
  let ts: number | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => ts,
    set: (next) => {
      if (next === ts) return;
      ts = next;
      for (const l of listeners) l();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const CrosshairContext = createContext<CrosshairStore | null>(null);

/** Shares one crosshair between the charts inside; each chart outside a provider has its own. */
export function CrosshairProvider({ children }: { children: ReactNode }) {
  const [store] = useState(createCrosshairStore);
  return <CrosshairContext.Provider value={store}>{children}</CrosshairContext.Provider>;
}

/** The crosshair a chart writes to and reads from: the page's shared one, else the chart's own. */
export function useCrosshairStore(): CrosshairStore {
  const shared = useContext(CrosshairContext);
  const [own] = useState(createCrosshairStore);
  return shared ?? own;
}

/** The crosshair's time, re-rendering only the component that reads it (not the whole chart). */
export function useCrosshairTs(store: CrosshairStore): number | null {
  return useSyncExternalStore(store.subscribe, store.get, () => null);
}

"use client";

import { useCallback, useState } from "react";
import { fetchJson } from "./fetch-json";

/**
 * Sends a JSON body to a write endpoint from a form, tracking busy and error state. The UI's
 * session cookie authorises it. `save` resolves to the answer, or undefined when it failed.
 */
export function useSave<T = unknown>(url: string, method: "PUT" | "POST" | "DELETE" = "PUT") {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // One function per url and method, so a memoized callback built on it stays the same too.
  const save = useCallback(
    async (body: unknown): Promise<T | undefined> => {
      setBusy(true);
      setError(null);
      try {
        return await fetchJson<T>(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      } catch (e) {
        setError((e as Error).message);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [url, method],
  );

  return { save, busy, error };
}

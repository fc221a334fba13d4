"use client";

import { useQuery } from "@tanstack/react-query";
import type { ServiceOverview } from "@/lib/services/overview";
import { fetchJson } from "./fetch-json";

const SERVICES_REFRESH_MS = 60_000;

/** Every service's name, refreshed each minute so a new service joins a running screen. Off when `enabled` is false. */
export function useServiceNames(enabled: boolean) {
  return useQuery({
    queryKey: ["service-names"],
    queryFn: async () => (await fetchJson<{ services: ServiceOverview[] }>("/api/v1/services")).services.map((s) => s.name),
    enabled,
    refetchInterval: SERVICES_REFRESH_MS,
  });
}

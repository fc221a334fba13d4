"use client";

import { useQuery } from "@tanstack/react-query";
import type { DriftReport } from "@/lib/deploys/running-version/drift";
import { fetchJson } from "./fetch-json";

/** The versions a service reports per environment against its last recorded deploys, refreshed on the shared interval. */
export function useDrift(service: string, initialData?: DriftReport) {
  return useQuery({
    queryKey: ["drift", service],
    queryFn: () => fetchJson<DriftReport>(`/api/v1/drift?${new URLSearchParams({ service })}`),
    initialData,
  });
}

"use client";

import { useQuery } from "@tanstack/react-query";
import type { DeployComparison } from "@/lib/compare/compare-deploys";
import { fetchJson } from "./fetch-json";

/** Two deploys of a service compared over equal windows after each; idle until both are chosen. */
export function useCompare(params: { service: string; a: string; b: string; environment?: string; windowMinutes: number }) {
  const search = new URLSearchParams({ service: params.service, a: params.a, b: params.b, windowMinutes: String(params.windowMinutes) });
  if (params.environment) search.set("environment", params.environment);
  return useQuery({
    queryKey: ["compare", params],
    queryFn: () => fetchJson<DeployComparison>(`/api/v1/compare?${search}`),
    enabled: params.a !== "" && params.b !== "",
    refetchInterval: 60_000,
  });
}

"use client";

import { useQuery } from "@tanstack/react-query";
import type { StoredImpact } from "@/lib/impact/deployment-impact";
import { fetchJson } from "./fetch-json";

export interface ImpactResponse {
  deploymentId: number;
  service: string;
  /** False when computed on demand because the verdict job has not stored it yet. */
  stored: boolean;
  suspect: boolean;
  impact: StoredImpact;
}

/** A deploy's before/after impact on every metric of its service. */
export function useImpact(id: number) {
  return useQuery({
    queryKey: ["impact", id],
    queryFn: () => fetchJson<ImpactResponse>(`/api/v1/deployments/${id}/impact`),
    // Once stored the analysis is final; until then it is recomputed on every request, so poll gently.
    refetchInterval: (query) => (query.state.data?.stored ? false : 30_000),
  });
}

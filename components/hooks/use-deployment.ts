"use client";

import { useQuery } from "@tanstack/react-query";
import type { DeploymentView } from "@/lib/deploys/present";
import { fetchJson } from "./fetch-json";

/** One deploy with its verdict and timeline events. */
export function useDeployment(id: number) {
  return useQuery({
    queryKey: ["deployment", id],
    queryFn: () => fetchJson<{ deployment: DeploymentView; events: unknown[] }>(`/api/v1/deployments/${id}`),
  });
}

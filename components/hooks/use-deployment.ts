"use client";

import { useQuery } from "@tanstack/react-query";
import type { DeploymentView } from "@/lib/deploys/present";
import type { DeploymentEventRow } from "@/lib/store/types";
import { fetchJson } from "./fetch-json";

/** One deploy with its verdict and progress events, refreshed on the shared interval. */
export function useDeployment(id: number) {
  return useQuery({
    queryKey: ["deployment", id],
    queryFn: () => fetchJson<{ deployment: DeploymentView; events: DeploymentEventRow[] }>(`/api/v1/deployments/${id}`),
  });
}

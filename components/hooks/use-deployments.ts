"use client";

import { useQuery } from "@tanstack/react-query";
import type { DeploymentView } from "@/lib/deploys/present";
import { fetchJson } from "./fetch-json";

/** Deploys of a service overlapping [from, to], refreshed on the shared interval. */
export function useDeployments(
  params: { service?: string; from: number; to: number; environment?: string },
  initialData?: { deployments: DeploymentView[]; total: number },
) {
  const search = new URLSearchParams({ from: String(params.from), to: String(params.to), limit: "5000" });
  if (params.service) search.set("service", params.service);
  if (params.environment) search.set("environment", params.environment);
  return useQuery({
    queryKey: ["deployments", params],
    queryFn: () => fetchJson<{ deployments: DeploymentView[]; total: number }>(`/api/v1/deployments?${search}`),
    placeholderData: (previous) => previous,
    initialData,
  });
}

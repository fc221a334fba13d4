import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { getStore } from "@/lib/store";
import { DORA_PERIODS, MIN_FAILURE_CHOICES } from "@/lib/dora/periods";
import { DoraView } from "./client";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Delivery" };

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export default async function DoraPage({ searchParams }: Props) {
  const query = await searchParams;
  const store = await getStore();
  const [services, environments] = await Promise.all([store.listServices(), store.listEnvironments()]);
  if (services.length === 0) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold tracking-tight">Delivery</h1>
        <EmptyState title="No services yet">Record deploys (and builds, for lead time) and DORA&apos;s four keys appear here.</EmptyState>
      </div>
    );
  }
  // Default to the service with the most recent deploy: the one a team most likely cares about.
  const [latest] = await store.listDeployments({ limit: 1 });
  const service = query.service ?? latest?.service ?? services[0].name;
  const period = DORA_PERIODS.find((p) => p === query.period) ?? "30d";
  const minFailure = MIN_FAILURE_CHOICES.find((m) => m === query.minFailure) ?? "0";
  return (
    <DoraView
      services={services.map((s) => s.name)}
      environments={environments.map((e) => e.name)}
      service={service}
      environment={query.environment ?? environments.at(-1)?.name ?? "prod"}
      period={period}
      minFailure={minFailure}
    />
  );
}

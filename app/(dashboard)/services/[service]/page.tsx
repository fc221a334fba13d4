import type { Metadata } from "next";
import { getStore } from "@/lib/store";
import { ServiceDashboard } from "./client";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ service: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).service) };
}

export default async function ServicePage({ params }: Props) {
  const service = decodeURIComponent((await params).service);
  const store = await getStore();
  const [metrics, environments, deployCount] = await Promise.all([
    store.listMetrics({ prefix: `${service}.` }),
    store.listEnvironments(),
    store.countDeployments({ service }),
  ]);
  const envNames = new Set(environments.map((e) => e.name));
  const seen = await store.listDeployments({ service, limit: 1000 });
  for (const d of seen) envNames.add(d.environment);
  return (
    <ServiceDashboard
      service={service}
      metrics={metrics.map((m) => ({ name: m.name, unit: m.unit }))}
      environments={[...envNames]}
      hasDeploys={deployCount > 0}
    />
  );
}

import type { Metadata } from "next";
import { getStore } from "@/lib/store";
import { CompareView } from "./client";
import { pageSegment } from "@/lib/http/page-segment";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ service: string }>; searchParams: Promise<Record<string, string | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${pageSegment((await params).service)} · compare versions` };
}

export default async function ComparePage({ params, searchParams }: Props) {
  const service = pageSegment((await params).service);
  const query = await searchParams;
  const store = await getStore();
  const [environments, history] = await Promise.all([store.listEnvironments(), store.listDeployments({ service, limit: 1000 })]);
  const envNames = [...new Set([...environments.map((e) => e.name), ...history.map((d) => d.environment)])];
  const environment = query.environment ?? environments.at(-1)?.name ?? "prod";
  const deploys = history.filter((d) => d.environment === environment);
  // Without a choice, compare the latest successful deploy with the one before it.
  const [latest, previous] = deploys.filter((d) => d.kind === "deploy" && d.status === "succeeded");
  return (
    <CompareView
      service={service}
      environments={envNames}
      environment={environment}
      a={query.a ?? (previous ? String(previous.id) : "")}
      b={query.b ?? (latest ? String(latest.id) : "")}
      windowMinutes={Number(query.windowMinutes ?? 60)}
      deploys={deploys.map((d) => ({ id: d.id, version: d.version, kind: d.kind, status: d.status, startedAt: d.startedAt }))}
    />
  );
}

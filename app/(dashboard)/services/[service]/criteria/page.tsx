import type { Metadata } from "next";
import { isSignedIn } from "@/lib/auth/session";
import { getStore } from "@/lib/store";
import { loadCriteria } from "@/lib/verdicts/service-criteria";
import { CriteriaEditor } from "./client";
import { pageSegment } from "@/lib/http/page-segment";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ service: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${pageSegment((await params).service)} · success criteria` };
}

export default async function CriteriaPage({ params }: Props) {
  const service = pageSegment((await params).service);
  const store = await getStore();
  const [criteria, signedIn, metrics] = await Promise.all([loadCriteria(store, service), isSignedIn(), store.listMetrics({ prefix: `${service}.` })]);
  return <CriteriaEditor service={service} criteria={criteria} signedIn={signedIn} metrics={metrics.map((m) => m.name)} />;
}

import type { Metadata } from "next";
import { standupParamsSchema } from "@/lib/standup/params";
import { StandupScreen } from "./client";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "standup" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function StandupPage({ searchParams }: Props) {
  const raw = await searchParams;
  const { services, rotate } = standupParamsSchema.parse({ services: first(raw.services), rotate: first(raw.rotate) });
  return <StandupScreen services={services} rotateMs={rotate} />;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

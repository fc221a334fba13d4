import type { Metadata } from "next";
import { getStore } from "@/lib/store";
import { CustomChart } from "./client";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Custom chart" };

export default async function CustomChartPage() {
  const services = await (await getStore()).listServices();
  return <CustomChart services={services.map((s) => s.name)} now={Date.now()} />;
}

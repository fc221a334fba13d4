import type { Metadata } from "next";
import { Link } from "@/components/link";
import { EmptyState } from "@/components/empty-state";
import { isSignedIn } from "@/lib/auth/session";
import { getStore } from "@/lib/store";
import { DarkLaunchDashboard } from "./client";
import { CommandExample } from "@/components/command-example";
import { pageSegment } from "@/lib/http/page-segment";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ service: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Dark launch · ${pageSegment((await params).service)}` };
}

export default async function DarkLaunchPage({ params }: Props) {
  const service = pageSegment((await params).service);
  const launches = await (await getStore()).listDarkLaunches();
  if (!launches.some((d) => d.service === service)) {
    return (
      <div className="space-y-4">
        <Link href="/dark-launch" className="text-sm text-indigo-700 hover:underline">
          ← all dark launches
        </Link>
        <EmptyState title={`No dark launch for ${service}`}>
          Samples appear here once the shadow proxy reports them:
          <CommandExample>{`deploylines shadow --service ${service} --listen 0.0.0.0:8080 --primary http://primary:3000 --candidate http://candidate:3000`}</CommandExample>
        </EmptyState>
      </div>
    );
  }
  return <DarkLaunchDashboard service={service} signedIn={await isSignedIn()} now={Date.now()} />;
}

import type { Metadata } from "next";
import { Link } from "@/components/link";
import { AutoRefresh } from "@/components/auto-refresh";
import { RetentionForm } from "@/components/ingest/retention-form";
import { ScrapeTargets } from "@/components/ingest/scrape-targets";
import { SourceCard } from "@/components/ingest/source-card";
import { LocalTime } from "@/components/local-time";
import { isSignedIn } from "@/lib/auth/session";
import { ingestStatus } from "@/lib/ingest/status";
import { getStore } from "@/lib/store";
import { formatDuration } from "@/lib/time/parse-duration";
import { timeAgo } from "@/lib/ui/format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Ingest status" };

const port = (value: number | null, proto: string) => (value === null ? "off" : `${proto}/${value}`);

export default async function IngestPage() {
  const [status, signedIn] = await Promise.all([getStore().then(ingestStatus), isSignedIn()]);
  const { sources, listeners, scrape, backpressure, retention, time: now } = status;
  const run = retention.lastRun;
  return (
    <div className="space-y-6">
      <AutoRefresh everyMs={5_000} />
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <div>
          <Link href="/metrics" className="text-sm text-indigo-700 hover:underline">
            ← metrics
          </Link>
          <h1 className="text-2xl font-semibold tracking-tight">Ingest status</h1>
        </div>
        <p className="text-sm text-slate-500">this instance since it started · refreshes every 5 s · <LocalTime ts={now} withSeconds />
        </p>
      </div>
      {status.off && <p className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-800" data-testid="ingest-off">{status.off}.</p>}
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        <SourceCard title="http" unit="points" listener={null} stats={sources.http} now={now} />
        <SourceCard title="graphite" unit="lines" listener={port(listeners.graphite.port, "tcp")} stats={sources.graphite} counters={listeners.graphite.counters} now={now} />
        <SourceCard title="pickle" unit="datapoints" listener={port(listeners.pickle.port, "tcp")} stats={sources.pickle} counters={listeners.pickle.counters} now={now} />
        <SourceCard title="statsd" unit="metrics" listener={port(listeners.statsd.port, "udp")} stats={sources.statsd} counters={listeners.statsd.counters} now={now} />
        <SourceCard title="otlp (POST /v1/metrics)" unit="points" listener={null} stats={sources.otlp} now={now} />
        <SourceCard title="remote_write (POST /api/v1/write)" unit="samples" listener={null} stats={sources.remote_write} now={now} />
        <SourceCard title="prometheus text (POST /api/v1/import/prometheus)" unit="samples" listener={null} stats={sources.prometheus_text} now={now} />
        <SourceCard title="influx (POST /api/v2/write)" unit="points" listener={null} stats={sources.influx} now={now} />
        <SourceCard title="scrape (DEPLOYLINES_SCRAPE)" unit="samples" listener={null} stats={sources.scrape} now={now} />
      </div>
      <ScrapeTargets status={scrape} now={now} />
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="backpressure">
        <h2 className="font-medium">HTTP backpressure</h2>
        <p className="mt-1 text-sm text-slate-600">
          {backpressure.inflight} of {backpressure.maxInflight} ingest requests in flight · {backpressure.waiting} waiting · {backpressure.refused.toLocaleString("en-US")}{" "}
          answered 503 (Retry-After) since start. Raise <code>DEPLOYLINES_INGEST_MAX_INFLIGHT</code> if clients are refused under normal load.
        </p>
        {listeners.statsd.port !== null && (
          <p className="mt-1 text-xs text-slate-500">
            StatsD flushes every {formatDuration(listeners.statsd.flushMs)} ({listeners.statsd.namespace} names, percentiles {listeners.statsd.percentiles.join(", ")}); a name that received nothing in an
            interval is not written.
          </p>
        )}
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="retention">
        <div className="flex items-baseline justify-between">
          <h2 className="font-medium">Retention</h2>
          <span className="text-xs text-slate-500">
            from {retention.source === "api" ? "the API (saved setting)" : retention.source === "env" ? "DEPLOYLINES_RETENTION" : "the default"}
          </span>
        </div>
        <dl className="mt-3 grid max-w-md grid-cols-2 gap-y-1 text-sm">
          <dt className="text-slate-500">raw points</dt>
          <dd className="font-mono" data-retention="raw">{retention.policy.raw}</dd>
          <dt className="text-slate-500">1-minute rollups</dt>
          <dd className="font-mono" data-retention="1m">{retention.policy["1m"]}</dd>
          <dt className="text-slate-500">1-hour rollups</dt>
          <dd className="font-mono" data-retention="1h">{retention.policy["1h"]}</dd>
        </dl>
        <p className="mt-3 text-sm text-slate-600" data-testid="retention-last-run">
          {run ? (
            <>
              Last run {timeAgo(run.at, now)} (<LocalTime ts={run.at} withSeconds />, {run.durationMs} ms): deleted {run.deleted.raw.toLocaleString("en-US")} raw points,{" "}
              {run.deleted["1m"].toLocaleString("en-US")} 1m and {run.deleted["1h"].toLocaleString("en-US")} 1h rollups.
            </>
          ) : (
            "Not run yet: the retention job runs shortly after start and then every 10 minutes."
          )}
        </p>
        {signedIn ? (
          <RetentionForm policy={retention.policy} />
        ) : (
          <p className="mt-2 text-xs text-slate-500">
            <Link href="/login" className="text-indigo-700 hover:underline">
              Sign in
            </Link>{" "}
            to change the policy.
          </p>
        )}
      </section>
    </div>
  );
}

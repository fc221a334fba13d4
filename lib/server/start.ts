import "server-only";
import { resolveTokens, setAcceptedTokens, tokenList } from "@/lib/auth/tokens";
import { readEnv } from "@/lib/config/env";
import { seedDemo } from "@/lib/demo/seed";
import { liveFeedJob } from "@/lib/demo/live-feed";
import { seedTeamDemo } from "@/lib/demo/team-seed";
import { closeListeners, startListeners } from "@/lib/ingest/listeners/start-listeners";
import { startParseWorker } from "@/lib/ingest/parse-off-thread";
import { ingestOffReason } from "@/lib/ingest/remote-off";
import { startScraping, stopScraping } from "@/lib/ingest/scrape/start-scraping";
import { setCurrentRetention } from "@/lib/series/retention-policy";
import { compactionJob } from "@/lib/series/compaction-run";
import { retentionJob } from "@/lib/series/retention-run";
import { loadRetention } from "@/lib/series/retention-settings";
import { dataDir, getStore } from "@/lib/store";
import { deliveryJob } from "@/lib/notifications/deliver";
import { driftJob } from "@/lib/notifications/drift-job";
import { readinessJob } from "@/lib/notifications/readiness-job";
import { verdictJob } from "@/lib/verdicts/job";
import { jobActivity, startJobs, type Job } from "./jobs";
import { installLeanRoutes } from "./lean-routes";
import { installShutdown } from "./shutdown";

/**
 * Everything that starts with the server: configuration check, database migrations, write
 * tokens, the Graphite and StatsD listeners, the scrape targets, background jobs and, for the demo, the seeded history and the
 * live metric feed; and the graceful shutdown on SIGTERM/SIGINT that stops scraping and flushes the listeners before the store closes.
 */
export async function startServer(): Promise<void> {
  const env = readEnv();
  const store = await getStore();
  const dir = dataDir(env);
  const tokens = resolveTokens(env.DEPLOYLINES_TOKEN, dir);
  const ingestTokens = tokenList(env.DEPLOYLINES_INGEST_TOKEN);
  setAcceptedTokens({ admin: tokens.tokens, ingest: ingestTokens });
  if (tokens.file) {
    console.log(`[deploylines] write token ${tokens.generated ? "generated" : "read"} at ${tokens.file} (the CLI on this machine finds it there)`);
  } else {
    console.log(`[deploylines] accepting ${tokens.tokens.length} admin token(s) from DEPLOYLINES_TOKEN`);
  }
  if (ingestTokens.length > 0) console.log(`[deploylines] accepting ${ingestTokens.length} ingest-only token(s) from DEPLOYLINES_INGEST_TOKEN`);
  console.log(`[deploylines] store: ${store.dialect}`);
  if (env.DEPLOYLINES_METRICS_URL) console.log(`[deploylines] metrics read from ${env.DEPLOYLINES_METRICS_URL}`);
  if (env.DEPLOYLINES_DEMO) {
    const seeded = await seedDemo(store);
    console.log(seeded ? `[deploylines] demo data seeded (${seeded.points} points, ${seeded.deployments} deploys)` : "[deploylines] demo data already present");
  }
  if (env.DEPLOYLINES_DEMO === "team") {
    // In the background: the server answers while the team's history is written (progress is logged).
    seedTeamDemo(store).then(
      (team) =>
        console.log(
          team
            ? `[deploylines] team demo seeded: ${team.services} services, ${team.series} series, ${team.points} points, ${team.deployments} deploys in ${(team.ms / 1000).toFixed(1)} s`
            : "[deploylines] team demo already present",
        ),
      (error) => console.error("[deploylines] team demo seeding failed:", error),
    );
  }
  const retention = await loadRetention(store, env.DEPLOYLINES_RETENTION);
  setCurrentRetention(retention.policy);
  console.log(`[deploylines] retention policy from ${retention.source}`);
  const jobs: Job[] = [verdictJob, retentionJob, compactionJob, deliveryJob, readinessJob, driftJob, ...(env.DEPLOYLINES_DEMO ? [liveFeedJob] : [])];
  startJobs(store, jobs);
  const ingestOff = ingestOffReason(env);
  if (ingestOff) console.log(`[deploylines] ${ingestOff}; the Graphite and StatsD listeners and scrape targets are not started`);
  else {
    // The ingest workers start now, not under the first large batch, which waited ~0.15 s for them.
    startParseWorker();
    void store.prepareIngest();
    await startListeners(env, store);
    startScraping(env, store, jobActivity().instance);
  }
  installLeanRoutes();
  installShutdown({ closeListeners, stopScraping, closeStore: () => store.close(), timeoutMs: env.DEPLOYLINES_SHUTDOWN_TIMEOUT });
}

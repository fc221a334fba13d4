import type { Command } from "commander";
import { z } from "zod";
import { gateQuerySchema } from "@/lib/deploys/gate-schema";
import { nameSchema } from "@/lib/deploys/schema";
import { formatDuration, parseDuration } from "@/lib/time/parse-duration";
import { apiClient, CliError, type ApiClient } from "../client";
import { EXIT } from "../exit-codes";
import { emit } from "../output";
import { validate } from "../validate";

/** How a degraded or inconclusive verdict ends the command: pass → 0, warn → 2, fail → 1. */
const leniencySchema = z.enum(["pass", "warn", "fail"], { error: "must be pass, warn or fail" });
const LENIENCY_EXIT = { pass: 0, warn: 2, fail: 1 } as const;

const verdictGateSchema = z.object({
  deployment: z.coerce.number({ error: "--deployment must be a deployment id" }).int().positive("--deployment must be a deployment id"),
  timeoutMs: z.number({ error: "--timeout must be a duration such as 15m" }).int().positive().max(7 * 86_400_000),
  onDegraded: leniencySchema,
  onInconclusive: leniencySchema,
  promoteTo: nameSchema.optional(),
  dryRun: z.boolean(),
});

interface VerdictState {
  deployment: { id: number; service: string; environment: string; version: string; status: string };
  final: boolean;
  waited: boolean;
  waitingOn?: string;
  verdict: {
    status: string;
    progress?: { elapsedMs: number; windowMs: number; points: number; needed: number };
    evidence: { metric: string; rule: string; leaning?: string | null; outcome?: string; reason?: string }[];
    score?: { value: number | null; band: string | null };
  } | null;
}

/** The `gate` options for waiting on a deploy's verdict (`--wait-verdict`). */
export function addVerdictGateOptions(command: Command): Command {
  return command
    .option("--wait-verdict", "wait for the verdict of --deployment: exit 0 healthy, 1 failed, 2 degraded/inconclusive (see --on-degraded), 3 no data or timeout")
    .option("--deployment <id>", "the deploy whose verdict to wait for")
    .option("--timeout <duration>", "give up (exit 3) after this long, e.g. 20m", "15m")
    .option("--on-degraded <pass|warn|fail>", "a degraded verdict exits 0 (pass), 2 (warn) or 1 (fail)", "warn")
    .option("--on-inconclusive <pass|warn|fail>", "an inconclusive verdict exits 0, 2 or 1", "warn")
    .option("--promote-to <environment>", "after a healthy verdict, also require the promotion gate to that environment (e.g. prod)")
    .option("--dry-run", "report what the gate would decide, and exit 0");
}

/**
 * `deploylines gate --wait-verdict --deployment ID`: long-polls the verdict, printing the
 * window's progress and each rule's leaning, until it is final or the timeout; then exits by
 * the verdict (and, with --promote-to, the promotion gate).
 */
export async function gateOnVerdict(program: Command, opts: Record<string, string | boolean | undefined>): Promise<void> {
  const args = validate(verdictGateSchema, {
    deployment: opts.deployment,
    timeoutMs: parseDuration(String(opts.timeout)) ?? undefined,
    onDegraded: opts.onDegraded,
    onInconclusive: opts.onInconclusive,
    promoteTo: opts.promoteTo,
    dryRun: opts.dryRun === true,
  });
  const client = apiClient(program.opts());
  // With --json, stdout carries the one result document; progress goes to stderr.
  const progress = opts.json ? console.error : console.log;
  const state = await waitUntilFinal(client, args.deployment, Date.now() + args.timeoutMs, progress);
  let decision = decide(state, args);
  if (decision.code === 0 && args.promoteTo && state) decision = await promotionGate(client, state, args.promoteTo);
  if (opts.json) {
    emit(opts, { exitCode: args.dryRun ? 0 : decision.code, wouldExit: decision.code, message: decision.message, dryRun: args.dryRun, state }, "");
    if (!args.dryRun) process.exitCode = decision.code;
    return;
  }
  if (args.dryRun) {
    console.log(`dry run: the gate would exit ${decision.code} — ${decision.message}`);
    return;
  }
  if (decision.code !== 0) throw new CliError(decision.message, decision.code);
  console.log(decision.message);
}

async function waitUntilFinal(client: ApiClient, id: number, deadline: number, progress: (line: string) => void): Promise<VerdictState | null> {
  let last: VerdictState | null = null;
  while (Date.now() < deadline) {
    const wait = Math.max(1, Math.min(60, Math.floor((deadline - Date.now()) / 1000)));
    const asked = Date.now();
    try {
      last = await client.get<VerdictState>(`/api/v1/deployments/${id}/verdict?wait=${wait}s`);
    } catch (error) {
      // An unknown deploy will not appear by waiting; an unreachable or restarting server may come back.
      if (error instanceof CliError && error.status === 404) throw new CliError(error.message, EXIT.notFound);
      if (!(error instanceof CliError) || (error.status !== undefined && error.status < 500)) throw error;
      console.error(`deploylines: ${error.message}; retrying`);
    }
    if (last?.final) return last;
    if (last) progress(progressLine(last));
    // A server that answered at once (too many waiters, or an error) is asked again after a pause, not in a busy loop.
    if (Date.now() - asked < 1000) await new Promise((r) => setTimeout(r, Math.min(2000, Math.max(0, deadline - Date.now()))));
  }
  return last?.final ? last : null;
}

/** One progress line: `pending 3.5m of 10m, 21/50 points — errors.rate max < 1: pass; latency avg ≤ baseline +10%: fail`. */
export function progressLine(state: VerdictState): string {
  const v = state.verdict;
  if (!v) return `waiting: ${state.waitingOn ?? "no verdict yet"}`;
  const p = v.progress;
  const progress = p ? ` ${formatDuration(p.elapsedMs)} of ${formatDuration(p.windowMs)}, ${p.points}/${p.needed} points` : "";
  const leanings = v.evidence.map((e) => `${e.metric} ${e.rule}: ${e.outcome === "fail" ? "FAILED" : (e.leaning ?? "no data")}`).join("; ");
  return `${v.status}${progress}${leanings ? ` — ${leanings}` : ""}`;
}

function decide(state: VerdictState | null, args: z.infer<typeof verdictGateSchema>): { code: number; message: string } {
  if (!state?.verdict) return { code: 3, message: `no final verdict on deployment ${args.deployment} within the timeout` };
  const { service, version, environment } = state.deployment;
  const what = `${service} ${version} in ${environment}`;
  const status = state.verdict.status;
  const why = state.verdict.evidence.filter((e) => e.outcome !== "pass" && e.reason).map((e) => `\n  ${e.metric} ${e.rule}: ${e.reason}`).join("");
  const score = state.verdict.score?.value != null ? ` (score ${state.verdict.score.value})` : "";
  // Undone since: whatever its verdict, it is not a version to carry on with.
  if (state.deployment.status === "rolled_back") return { code: 1, message: `${what}: rolled back since (its verdict ${status})${why}` };
  switch (status) {
    case "healthy":
      return { code: 0, message: `${what}: healthy${score}` };
    case "failed":
      return { code: 1, message: `${what}: failed${score}${why}` };
    case "degraded":
      return { code: LENIENCY_EXIT[args.onDegraded], message: `${what}: degraded${score}${why}` };
    case "inconclusive":
      return { code: LENIENCY_EXIT[args.onInconclusive], message: `${what}: inconclusive${why}` };
    default:
      return { code: 3, message: `${what}: ${status === "none" ? "no criteria set, nothing to gate on" : `verdict ${status}`}${why}` };
  }
}

async function promotionGate(client: ApiClient, state: VerdictState, target: string): Promise<{ code: number; message: string }> {
  const query = validate(gateQuerySchema, { service: state.deployment.service, version: state.deployment.version, environment: target });
  const res = await client.get<{ pass: boolean; reason: string; reasons: string[] }>(`/api/v1/gate?${new URLSearchParams(query)}`);
  if (!res.pass) return { code: 1, message: `verdict healthy, but the gate to ${target} is shut:\n${res.reasons.map((r) => `  ${r}`).join("\n")}` };
  return { code: 0, message: `${query.service} ${query.version}: verdict healthy and the gate to ${target} is open (${res.reason})` };
}

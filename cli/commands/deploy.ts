import type { Command } from "commander";
import { deploymentInputSchema, deploymentPatchSchema } from "@/lib/deploys/schema";
import { parseDuration } from "@/lib/time/parse-duration";
import { apiClient, CliError, type ApiClient } from "../client";
import { EXIT } from "../exit-codes";
import { followDeploy, progressLine, type FollowedDeployment } from "../follow-deploy";
import { emit, withJson } from "../output";
import { validate } from "../validate";

interface DeploymentResponse {
  deployment: FollowedDeployment & { warnings?: string[] };
  warnings?: string[];
}

/**
 * `deploylines deploy` records a deploy (or, with --id, updates one in progress); `--wait`
 * follows it until it finishes. Exit 0 recorded (or, waiting, succeeded), 1 the deploy failed,
 * 2 bad arguments, 3 unreachable, 4 unauthorized, 5 no such deployment.
 */
export function registerDeployCommand(program: Command): void {
  const command = program
    .command("deploy")
    .description("record a deploy of a version to an environment; with --id, update a deploy in progress; with --wait, follow it to the end")
    .option("-s, --service <name>", "service name, e.g. auth")
    .option("-e, --environment <name>", "environment, e.g. prod")
    .option("-v, --version <version>", "version being deployed")
    .option("--commit <sha>", "commit deployed")
    .option("--author <who>", "who deployed")
    .option("--description <text>", "what changed")
    .option("--strategy <strategy>", "rolling | all-at-once | canary")
    .option("--status <status>", "in_progress | succeeded | failed | rolled_back")
    .option("--started-at <time>", "epoch ms, ISO-8601 or relative like -5m (default now)")
    .option("--finished-at <time>", "when it finished")
    .option("--instances <done/total>", "rolling progress, e.g. 3/10")
    .option("--message <text>", "progress note (with --id)")
    .option("--id <id>", "update this deployment instead of recording a new one")
    .option("--wait", "follow the deploy until it is no longer in progress; exit 1 if it failed")
    .option("--wait-timeout <duration>", "give up waiting after this long (exit 3), e.g. 30m", "30m")
    .option("--poll <duration>", "how often --wait asks", "2s")
    .action(async (opts) => {
      const client = apiClient(program.opts());
      const progress = opts.instances === undefined ? {} : instances(opts.instances);
      const follow = opts.wait ? waitOptions(opts.waitTimeout, opts.poll) : undefined;
      let res: DeploymentResponse;
      if (opts.id) {
        const patch = validate(deploymentPatchSchema, { status: opts.status, finishedAt: opts.finishedAt, message: opts.message, ...progress }, command);
        res = await client.patch<DeploymentResponse>(`/api/v1/deployments/${encodeURIComponent(opts.id)}`, patch);
        if (!follow) return emit(opts, res, progressLine(res.deployment, opts.message));
      } else {
        const input = {
          service: opts.service,
          environment: opts.environment,
          version: opts.version,
          commit: opts.commit,
          author: opts.author ?? process.env.USER,
          description: opts.description,
          strategy: opts.strategy,
          status: opts.status,
          startedAt: opts.startedAt,
          finishedAt: opts.finishedAt,
          ...progress,
        };
        const valid = validate(deploymentInputSchema, input, command);
        const orderWarnings = await promotionOrderWarnings(client, valid.environment);
        res = await client.post<DeploymentResponse>("/api/v1/deployments", input);
        res.warnings = [...orderWarnings, ...(res.warnings ?? [])];
        const d = res.deployment;
        for (const warning of res.warnings) console.error(`warning: ${warning}`);
        if (!follow) return emit(opts, res, `recorded deployment ${d.id}: ${d.service} ${d.version} → ${d.environment} (${d.status})`);
      }
      const finished = await followDeploy(client, res.deployment.id, follow);
      emit(opts, { ...res, deployment: { ...res.deployment, ...finished } }, `deployment ${finished.id} succeeded`);
    });
  withJson(command);
}

/** `--instances 3/10`: done and total; a bare count is refused, as progress without a total says nothing. */
function instances(raw: string): { instancesDone: number; instancesTotal: number } {
  const match = /^(\d+)\/(\d+)$/.exec(raw.trim());
  if (!match) throw new CliError(`invalid arguments:\n  --instances: "${raw}" needs done/total, e.g. 3/10`, EXIT.usage);
  const [done, total] = [Number(match[1]), Number(match[2])];
  if (total === 0 || done > total) throw new CliError(`invalid arguments:\n  --instances: ${done}/${total} needs 0 ≤ done ≤ total and total ≥ 1`, EXIT.usage);
  return { instancesDone: done, instancesTotal: total };
}

function waitOptions(timeout: string, poll: string): { timeoutMs: number; intervalMs: number } {
  const timeoutMs = parseDuration(timeout);
  const intervalMs = parseDuration(poll);
  if (!timeoutMs || !intervalMs) throw new CliError(`invalid arguments:\n  --wait-timeout/--poll: use durations such as 30m, 2s or 500ms`, EXIT.usage);
  return { timeoutMs, intervalMs };
}

/** A warning when the environment is outside the promotion order: such a deploy skips every gate. */
async function promotionOrderWarnings(client: ApiClient, environment: string): Promise<string[]> {
  const { environments } = await client.get<{ environments: string[] }>("/api/v1/environments");
  if (environments.length === 0 || environments.includes(environment)) return [];
  return [`environment "${environment}" is not in the promotion order (${environments.join(" → ")}); no gate or promotion check covers it (set the order with PUT /api/v1/environments)`];
}

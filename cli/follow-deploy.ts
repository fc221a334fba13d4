import type { ApiClient } from "./client";
import { CliError } from "./client";
import { EXIT } from "./exit-codes";

/** The fields of `GET /api/v1/deployments/{id}` that following a deploy reads. */
export interface FollowedDeployment {
  id: number;
  service: string;
  environment: string;
  version: string;
  status: string;
  instancesDone: number | null;
  instancesTotal: number | null;
}

interface DeploymentDetail {
  deployment: FollowedDeployment;
  events: { message: string | null }[];
}

export interface FollowOptions {
  intervalMs: number;
  timeoutMs: number;
}

/** One progress line: status, instances done of total with the share, and the last progress note. */
export function progressLine(d: FollowedDeployment, message?: string | null): string {
  const share = d.instancesTotal ? ` ${d.instancesDone ?? 0}/${d.instancesTotal} instances (${Math.round(((d.instancesDone ?? 0) / d.instancesTotal) * 100)}%)` : "";
  return `deployment ${d.id}: ${d.service} ${d.version} → ${d.environment} ${d.status}${share}${message ? ` — ${message}` : ""}`;
}

/**
 * Polls a deploy until it leaves `in_progress`, writing a progress line to stderr (rewritten in
 * place on a terminal, one line per change otherwise). Resolves with the succeeded deploy;
 * throws exit 1 when it failed or was rolled back, exit 3 when it is still running at the timeout.
 */
export async function followDeploy(client: ApiClient, id: number, options: FollowOptions): Promise<FollowedDeployment> {
  const deadline = Date.now() + options.timeoutMs;
  const tty = process.stderr.isTTY;
  let last = "";
  for (;;) {
    const { deployment, events } = await client.get<DeploymentDetail>(`/api/v1/deployments/${id}`);
    const line = progressLine(deployment, events.findLast((e) => e.message)?.message);
    if (line !== last) process.stderr.write(tty ? `\r\x1b[K${line}` : `${line}\n`);
    last = line;
    if (deployment.status !== "in_progress") {
      if (tty) process.stderr.write("\n");
      if (deployment.status === "succeeded") return deployment;
      throw new CliError(`deployment ${id} ${deployment.status.replace("_", " ")}`, EXIT.failed);
    }
    if (Date.now() + options.intervalMs > deadline) {
      if (tty) process.stderr.write("\n");
      throw new CliError(`deployment ${id} still in progress after ${options.timeoutMs / 1000} s`, EXIT.unreachable);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
  }
}

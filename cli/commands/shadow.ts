import type { Command } from "commander";
import { z } from "zod";
import { nameSchema } from "@/lib/deploys/schema";
import { fieldMatcher } from "@/lib/dark-launch/json-path";
import { startShadowProxy, type ShadowProxyStats } from "@/lib/dark-launch/proxy";
import { samplesSender } from "@/lib/dark-launch/reporter";
import { apiClient } from "../client";
import { emit, withJson } from "../output";
import { validate } from "../validate";

const list = z
  .string()
  .optional()
  .transform((raw) => (raw ?? "").split(",").map((s) => s.trim()).filter(Boolean));

export const shadowOptionsSchema = z.object({
  listen: z
    .string()
    .regex(/^(\[[0-9a-fA-F:]+\]|[^:\s]+):\d{1,5}$/, "use HOST:PORT, e.g. 127.0.0.1:8080")
    .transform((raw) => {
      const at = raw.lastIndexOf(":");
      return { host: raw.slice(0, at).replace(/^\[|\]$/g, ""), port: Number(raw.slice(at + 1)) };
    })
    .refine((l) => l.port <= 65535, "port must be at most 65535"),
  primary: z.string().url(),
  candidate: z.string().url(),
  service: nameSchema,
  sample: z.coerce.number().min(0).max(1).default(1),
  mirrorWrites: z.boolean().default(false),
  ignore: list.superRefine((rules, ctx) => {
    try {
      fieldMatcher(rules);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
    }
  }),
  headers: list,
  redactHeaders: list,
  candidateVersion: z.string().min(1).max(100).optional(),
  candidateTimeout: z.coerce.number().int().positive().default(5_000),
  statusEvery: z.coerce.number().positive().default(10),
});

export type ShadowOptions = z.infer<typeof shadowOptionsSchema>;

/**
 * `deploylines shadow` runs the dark-launch proxy and reports its samples to the server until
 * SIGINT/SIGTERM; with --json each status line is a JSON object (one per line).
 */
export function registerShadowCommand(program: Command): void {
  const command = program
    .command("shadow")
    .description("dark launch: answer from --primary, mirror to --candidate, compare, and report samples to deploylines")
    .requiredOption("--listen <host:port>", "where the proxy listens, e.g. 0.0.0.0:8080")
    .requiredOption("--primary <url>", "the production backend; clients get its answers unchanged")
    .requiredOption("--candidate <url>", "the backend being dark-launched")
    .requiredOption("-s, --service <name>", "service the samples belong to")
    .option("--sample <share>", "share of requests mirrored, 0–1 (default 1)")
    .option("--mirror-writes", "also mirror POST/PUT/PATCH/DELETE (only if the candidate cannot touch shared state)")
    .option("--ignore <paths>", "comma-separated body fields to ignore: $.requestId, $.items[*].ts or bare key names")
    .option("--headers <names>", "comma-separated response headers to compare (default content-type)")
    .option("--redact-headers <names>", "comma-separated headers whose values never reach a sample (Authorization, Cookie, Set-Cookie, X-Api-Key always)")
    .option("--candidate-version <version>", "version of the candidate, shown on the dashboard")
    .option("--candidate-timeout <ms>", "give up on the candidate after this long (default 5000)")
    .option("--status-every <seconds>", "print a status line this often (default 10)")
    .action(async (opts) => {
      const options = validate(shadowOptionsSchema, opts, command);
      const client = apiClient(program.opts());
      const proxy = await startShadowProxy({
        listen: options.listen,
        primary: options.primary,
        candidate: options.candidate,
        sampleRate: options.sample,
        mirrorWrites: options.mirrorWrites,
        ignore: options.ignore,
        headers: options.headers.length > 0 ? options.headers : undefined,
        sensitiveHeaders: options.redactHeaders,
        candidateTimeoutMs: options.candidateTimeout,
        report: samplesSender((path, body) => client.post(path, body), options.service, options.candidateVersion),
      });
      const status = () => emit(opts, proxy.stats(), statusLine(proxy.stats()));
      emit(opts, { listening: proxy.url, primary: options.primary, candidate: options.candidate, service: options.service, server: client.base }, `shadowing ${options.primary} → ${options.candidate} on ${proxy.url}, reporting to ${client.base} as ${options.service}`);
      const ticker = setInterval(status, options.statusEvery * 1000);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          resolve();
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
      clearInterval(ticker);
      console.error("stopping: finishing mirrors in flight and sending the last samples…");
      await proxy.close();
      status();
    });
  withJson(command);
}

/** One line for the operator: traffic, agreement, and whether samples reach the server. */
export function statusLine(stats: ShadowProxyStats): string {
  const rate = stats.mirrored > 0 ? `${((stats.matched / stats.mirrored) * 100).toFixed(2)}%` : "–";
  const trouble = stats.lastError && stats.failures > 0 ? ` (last report error: ${stats.lastError})` : "";
  return `requests ${stats.requests} · mirrored ${stats.mirrored} · matched ${stats.matched} (${rate}) · candidate errors ${stats.candidateErrors} · reported ${stats.reported} · buffered ${stats.buffered} · dropped ${stats.dropped}${trouble}`;
}

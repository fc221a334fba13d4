import fs from "node:fs";
import type { Command } from "commander";
import { parseGraphiteText } from "@/lib/ingest/graphite";
import { apiClient, CliError } from "../client";
import { EXIT } from "../exit-codes";
import { emit, withJson } from "../output";

/** `deploylines send` pushes metrics: one value, or Graphite lines from a file or stdin. Exit 0, 2 bad input, 3 unreachable, 4 unauthorized. */
export function registerSendCommand(program: Command): void {
  const command = program
    .command("send")
    .description("send metrics: `send auth.api.latency.p95 123` or Graphite lines (`name value unix_seconds`) from --file or stdin")
    .argument("[metric]", "metric name (dotted)")
    .argument("[value]", "numeric value")
    .option("-t, --time <time>", "when (epoch ms/seconds, ISO-8601, relative; default now)")
    .option("-f, --file <path>", "read Graphite plaintext lines from a file ('-' for stdin)")
    .action(async (metric: string | undefined, value: string | undefined, opts) => {
      let body: string;
      if (opts.file) body = opts.file === "-" ? fs.readFileSync(0, "utf8") : readFile(opts.file);
      else if (metric && value !== undefined) {
        const when = opts.time ? new Date(Number.isNaN(Number(opts.time)) ? opts.time : Number(opts.time)).getTime() : Date.now();
        if (Number.isNaN(when)) throw new CliError(`--time "${opts.time}" is not a time`, EXIT.usage);
        body = `${metric} ${value} ${when / 1000}`;
      } else throw new CliError("give a metric and a value, or --file <path|->", EXIT.usage);
      const { problems, lines } = parseGraphiteText(body);
      if (problems.length > 0) {
        throw new CliError(`nothing sent; bad input:\n${problems.slice(0, 20).map((p) => `  ${p.where}: ${p.message}`).join("\n")}`, EXIT.usage);
      }
      const res = await apiClient(program.opts()).post<{ points: number; series: number }>("/api/v1/metrics", body, "text/plain");
      emit(opts, res, `sent ${res.points} point(s) of ${res.series} metric(s)${lines.length === 0 ? " (input was empty)" : ""}`);
    });
  withJson(command);
}

function readFile(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`, EXIT.usage);
  }
}

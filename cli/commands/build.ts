import type { Command } from "commander";
import { buildInputSchema } from "@/lib/builds/schema";
import { apiClient } from "../client";
import { emit, withJson } from "../output";
import { validate } from "../validate";
import { addGitOption, gitBuildFields } from "./build-git";

/** `deploylines build` records a build so it can be deployed, kept or pruned. Exit 0, 2 bad arguments, 3 unreachable, 4 unauthorized. */
export function registerBuildCommand(program: Command): void {
  const command = program
    .command("build")
    .description("record a build of a service")
    .requiredOption("-s, --service <name>", "service name")
    .requiredOption("-v, --version <version>", "version built")
    .option("--commit <sha>", "commit built")
    .option("--branch <name>", "branch")
    .option("--author <who>", "commit author")
    .option("--artifact-url <url>", "where the artifact lives")
    .option("--ci-url <url>", "the CI run's page")
    .option("--committed-at <time>", "commit time, for lead time (epoch ms, ISO-8601 or relative)");
  addGitOption(command).action(async (opts) => {
    const client = apiClient(program.opts());
    const git = opts.git ? await gitBuildFields(client, opts.service, opts.version, opts.repo) : undefined;
    const input = validate(buildInputSchema, {
      service: opts.service,
      version: opts.version,
      commit: opts.commit ?? git?.commit,
      branch: opts.branch ?? git?.branch,
      author: opts.author ?? git?.author,
      commits: git?.commits,
      artifactUrl: opts.artifactUrl,
      ciUrl: opts.ciUrl,
      committedAt: opts.committedAt ?? git?.committedAt,
    }, command);
    const res = await client.post<{ build: { id: number } }>("/api/v1/builds", { ...input, committedAt: opts.committedAt ?? git?.committedAt });
    emit(opts, res, `recorded build ${res.build.id}: ${opts.service} ${opts.version}${git ? ` with ${git.commits.length} commit(s)` : ""}`);
  });
  withJson(command);
}

import { execFileSync } from "node:child_process";
import type { Command } from "commander";
import { MAX_BUILD_COMMITS, type BuildCommit } from "@/lib/builds/schema";
import { CliError, type ApiClient } from "../client";

// Unit and record separators: they cannot appear in a commit subject or an author name.
const FIELD = "\x1f";
const RECORD = "\x1e";

/** The `build --git` option. */
export function addGitOption(command: Command): Command {
  return command
    .option("--git", `read the commit (HEAD) and the commits since the service's previous build from git log (at most ${MAX_BUILD_COMMITS})`)
    .option("--repo <dir>", "the git repository --git reads (default: the current directory)");
}

function git(args: string[], cwd: string): string {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    throw new CliError(`git ${args.join(" ")} failed: ${((error as { stderr?: string }).stderr ?? (error as Error).message).trim()}`, 2);
  }
}

/**
 * What git says about the build: HEAD's sha, branch, author and time, and the commits since the
 * previous build's commit of the service (asked of the API), newest first — `git log prev..HEAD`.
 * Without a previous build (or when git does not know its commit) it sends none, saying why.
 */
export async function gitBuildFields(client: ApiClient, service: string, version: string, cwd = process.cwd()) {
  const [head, branch, author, committedAt] = git(["log", "-1", `--format=%H${FIELD}%D${FIELD}%an <%ae>${FIELD}%aI`], cwd).trim().split(FIELD);
  const { builds } = await client.get<{ builds: { version: string; commit: string | null; createdAt: number }[] }>(`/api/v1/builds?service=${encodeURIComponent(service)}`);
  const previous = builds.filter((b) => b.version !== version && b.commit).sort((a, b) => b.createdAt - a.createdAt)[0];
  const fields = { commit: head, branch: /HEAD -> ([^,]+)/.exec(branch)?.[1] ?? null, author, committedAt };
  if (!previous) {
    console.error(`deploylines: no previous build of ${service} with a commit: recording no commit list`);
    return { ...fields, commits: [] as BuildCommit[] };
  }
  if (!knows(previous.commit!, cwd)) {
    console.error(`deploylines: the previous build's commit ${previous.commit} is not in this repository: recording no commit list`);
    return { ...fields, commits: [] as BuildCommit[] };
  }
  const log = git(["log", `--max-count=${MAX_BUILD_COMMITS + 1}`, `--format=%H${FIELD}%an <%ae>${FIELD}%aI${FIELD}%s${RECORD}`, `${previous.commit}..${head}`], cwd);
  const commits = log
    .split(RECORD)
    .map((r) => r.replace(/^\n/, ""))
    .filter((r) => r.length > 0)
    .map((record) => {
      const [sha, who, at, message] = record.split(FIELD);
      return { sha, author: who.slice(0, 200), at, message: message.slice(0, 1000) };
    });
  if (commits.length > MAX_BUILD_COMMITS) console.error(`deploylines: more than ${MAX_BUILD_COMMITS} commits since ${previous.version}: recording the newest ${MAX_BUILD_COMMITS}`);
  return { ...fields, commits: commits.slice(0, MAX_BUILD_COMMITS) };
}

function knows(sha: string, cwd: string): boolean {
  try {
    execFileSync("git", ["cat-file", "-e", `${sha}^{commit}`], { cwd, stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appIsBuilt } from "@/lib/testing/built-app";
import { runCli } from "@/lib/testing/cli";
import { startTestServer, type TestServer } from "@/lib/testing/server";
import type { DeployCommits } from "./commits";

const MIN = 60_000;

/** A throwaway git repository with a fixed identity. */
function repository() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploylines-git-"));
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, encoding: "utf8", env: { ...process.env, GIT_AUTHOR_NAME: "Ada", GIT_AUTHOR_EMAIL: "ada@example.com", GIT_COMMITTER_NAME: "Ada", GIT_COMMITTER_EMAIL: "ada@example.com" } }).trim();
  git("init", "-q", "-b", "main");
  const commit = (message: string) => {
    fs.appendFileSync(path.join(dir, "log.txt"), `${message}\n`);
    git("add", ".");
    git("commit", "-q", "-m", message);
    return git("rev-parse", "HEAD");
  };
  return { dir, git, commit, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

describe.skipIf(!appIsBuilt)("commits per deploy, from a real git repository", () => {
  let server: TestServer;
  let repo: ReturnType<typeof repository>;
  const now = Date.now();
  const build = (version: string) => runCli(["build", "--git", "--repo", repo.dir, "--service", "gitsvc", "--version", version], { DEPLOYLINES_URL: server.url, DEPLOYLINES_TOKEN: server.token }).then((r) => {
    expect(r.stderr.replace(/deploylines: no previous build.*\n/, "")).toBe("");
    expect(r.code).toBe(0);
    return r;
  });

  beforeAll(async () => {
    server = await startTestServer();
    repo = repository();
  });
  afterAll(async () => {
    await server?.stop();
    repo?.remove();
  });

  it("lists exactly git log prev..this for a deploy, linked through the template, and as suspects when the verdict fails", async () => {
    const first = repo.commit("initial import");
    await build("1.0");
    repo.commit("add login");
    repo.commit("fix: token expiry");
    expect((await build("1.1")).stdout).toContain("with 2 commit(s)");
    repo.commit("tune cache | with a pipe\tand a tab");
    const head = repo.commit("bump dependencies");
    await build("1.2");
    const builds = (await (await server.api("/api/v1/builds?service=gitsvc")).json()) as { builds: { version: string; commit: string; branch: string; author: string }[] };
    expect(builds.builds.find((b) => b.version === "1.2")).toMatchObject({ commit: head, branch: "main", author: "Ada <ada@example.com>" });

    const settings = await server.api("/api/v1/services/gitsvc/settings", { method: "PUT", json: { commitUrlTemplate: "https://git.example.com/gitsvc/commit/{sha}" } });
    expect(settings.status).toBe(200);
    expect((await server.api("/api/v1/services/gitsvc/settings", { method: "PUT", json: { commitUrlTemplate: "javascript:alert({sha})" } })).status).toBe(400);

    const deploy = async (version: string, startedAt: number) => {
      const res = await server.api("/api/v1/deployments", { method: "POST", json: { service: "gitsvc", environment: "prod", version, startedAt, finishedAt: startedAt + MIN } });
      return ((await res.json()) as { deployment: { id: number; previousVersion: string | null } }).deployment;
    };
    await deploy("1.0", now - 60 * MIN);
    const latest = await deploy("1.2", now - 30 * MIN);
    expect(latest.previousVersion).toBe("1.0");

    const listed = (await (await server.api(`/api/v1/deployments/${latest.id}/commits`)).json()) as DeployCommits;
    const expected = repo.git("log", "--format=%H %s", `${first}..${head}`).split("\n");
    expect(listed.commits.map((c) => `${c.sha} ${c.message}`)).toEqual(expected);
    expect(listed).toMatchObject({ fromVersion: "1.0", direction: "added", suspects: false });
    expect(listed.commits[0]).toMatchObject({ author: "Ada <ada@example.com>", url: `https://git.example.com/gitsvc/commit/${head}`, version: "1.2" });

    // Rolling back to 1.0 takes the same commits out.
    const back = await deploy("1.0", now - 20 * MIN);
    const removed = (await (await server.api(`/api/v1/deployments/${back.id}/commits`)).json()) as DeployCommits;
    expect(removed).toMatchObject({ direction: "removed" });
    expect(removed.commits.map((c) => c.sha)).toEqual(listed.commits.map((c) => c.sha));

    // A failing verdict makes them suspects, on the deploy page too.
    await server.api("/api/v1/services/gitsvc/criteria", { method: "PUT", json: { windowMinutes: 10, rules: [{ metric: "gitsvc.errors.rate", agg: "max", below: 1, mustHaveData: true }] } });
    const judged = (await (await server.api(`/api/v1/deployments/${latest.id}/verdict`)).json()) as { verdict: { status: string } };
    expect(judged.verdict.status).toBe("failed");
    const suspects = (await (await server.api(`/api/v1/deployments/${latest.id}/commits`)).json()) as DeployCommits;
    expect(suspects.suspects).toBe(true);
    const page = await (await fetch(`${server.url}/deployments/${latest.id}`)).text();
    expect(page).toContain('data-suspects="true"');
    for (const sha of listed.commits.map((c) => c.sha)) expect(page).toContain(`data-commit="${sha}"`);
  });

  it("refuses too many or oversized commits, storing nothing of the build", async () => {
    const many = Array.from({ length: 201 }, (_, i) => ({ sha: i.toString(16).padStart(8, "0"), message: "m" }));
    const res = await server.api("/api/v1/builds", { method: "POST", json: { service: "gitsvc", version: "9.9", commits: many } });
    expect(res.status).toBe(400);
    const long = await server.api("/api/v1/builds", { method: "POST", json: { service: "gitsvc", version: "9.9", commits: [{ sha: "zz", message: "x".repeat(1001) }] } });
    expect(long.status).toBe(400);
    const problems = ((await long.json()) as { problems: { where: string }[] }).problems.map((p) => p.where);
    expect(problems).toEqual(expect.arrayContaining(["commits[0].sha", "commits[0].message"]));
    const builds = (await (await server.api("/api/v1/builds?service=gitsvc")).json()) as { builds: { version: string }[] };
    expect(builds.builds.map((b) => b.version)).not.toContain("9.9");
  });
});

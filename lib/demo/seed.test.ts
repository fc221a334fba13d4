import { describe, expect, it } from "vitest";
import { demoCommits } from "./seed";
import { demoPlan } from "./simulation";

describe("demoCommits", () => {
  it("gives every commit of a release a short sha of its own, as the deployment page shows them", () => {
    const releases = demoPlan(Date.now()).releases;
    const withFollowUps = releases.filter((r) => demoCommits(r).length > 1);
    expect(withFollowUps.length).toBeGreaterThan(0);
    for (const release of releases) {
      const commits = demoCommits(release);
      expect(commits[0].sha).toBe(release.commit);
      expect(new Set(commits.map((c) => c.sha.slice(0, 10))).size).toBe(commits.length);
    }
  });
});

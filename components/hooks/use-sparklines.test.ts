import { describe, expect, it } from "vitest";
import { alternationGlobs } from "./use-sparklines";

describe("alternationGlobs", () => {
  it("keeps every glob within the series API's 500 characters and every name in one", () => {
    const names = Array.from({ length: 50 }, (_, i) => `accounts.api.admin.metric-number-${i}.p95`);
    const globs = alternationGlobs(names);
    expect(globs.length).toBeGreaterThan(1);
    expect(globs.every((g) => g.length <= 500)).toBe(true);
    expect(globs.flatMap((g) => g.slice(1, -1).split(","))).toEqual(names);
  });
});

import { describe, expect, it } from "vitest";
import { initialTree, treeLevel } from "./tree-page";

const names = ["auth.api.latency.p50", "auth.api.latency.p95", "auth.api.errors.rate", "auth.mfa.challenges.rate", "billing.up", "solo"].sort();

describe("treeLevel", () => {
  it("lists the branches under a prefix with their counts, leaving out leaves", () => {
    expect(treeLevel(names, "").branches).toEqual([
      { segment: "auth", prefix: "auth", count: 4, hasChildren: true },
      { segment: "billing", prefix: "billing", count: 1, hasChildren: false },
    ]);
    expect(treeLevel(names, "auth.api").branches.map((b) => [b.prefix, b.count, b.hasChildren])).toEqual([
      ["auth.api.errors", 1, false],
      ["auth.api.latency", 2, false],
    ]);
  });

  it("pages a wide level and says how many there are", () => {
    const wide = Array.from({ length: 250 }, (_, i) => `svc-${String(i).padStart(3, "0")}.up`);
    const page = treeLevel(wide, "", 200, 100);
    expect(page).toMatchObject({ total: 250, offset: 200 });
    expect(page.branches).toHaveLength(50);
    expect(page.branches[0].prefix).toBe("svc-200");
  });
});

describe("initialTree", () => {
  it("opens a small catalogue fully", () => {
    const tree = initialTree(names);
    expect(tree.branches[0].children?.map((b) => b.prefix)).toEqual(["auth.api", "auth.mfa"]);
    expect(tree.branches[0].children?.[0].children?.map((b) => b.prefix)).toEqual(["auth.api.errors", "auth.api.latency"]);
  });

  it("shows only the top level of a large one", () => {
    const many = Array.from({ length: 60 }, (_, s) => Array.from({ length: 10 }, (_, a) => `svc${s}.area${a}.op.p95`)).flat().sort();
    const tree = initialTree(many, 150);
    expect(tree.branches).toHaveLength(60);
    expect(tree.branches.every((b) => b.children === undefined)).toBe(true);
  });
});

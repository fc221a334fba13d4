import { describe, expect, it } from "vitest";
import { clusterDeploys } from "./cluster-deploys";

const MIN = 60_000;

describe("clusterDeploys", () => {
  it("gives a rolling deploy a span from its start to its finish, so the chart can shade it", () => {
    const [cluster] = clusterDeploys([{ id: 1, startedAt: 10 * MIN, finishedAt: 18 * MIN }], 0, 60 * MIN, 600);
    expect(cluster.items[0]).toMatchObject({ x: 100, x2: 180 });
  });

  it("keeps an instant deploy a line, and a deploy still running is a line at its start", () => {
    const clusters = clusterDeploys([{ id: 1, startedAt: 10 * MIN, finishedAt: 10 * MIN }, { id: 2, startedAt: 30 * MIN, finishedAt: null }], 0, 60 * MIN, 600);
    expect(clusters.map((c) => c.items.map((i) => [i.x, i.x2]))).toEqual([[[100, 100]], [[300, 300]]]);
  });

  it("clips a span that runs past the plot, and merges lines closer than a few pixels", () => {
    const clusters = clusterDeploys(
      [{ id: 1, startedAt: 50 * MIN, finishedAt: 70 * MIN }, { id: 2, startedAt: 50 * MIN + 20_000, finishedAt: null }],
      0,
      60 * MIN,
      600,
    );
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toMatchObject({ x: 500, x2: 600 });
  });
});

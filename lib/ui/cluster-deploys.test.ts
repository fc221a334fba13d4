import { describe, expect, it } from "vitest";
import { clusterDeploys } from "./cluster-deploys";

const MIN = 60_000;
const d = (id: number, startedAt: number, finishedAt?: number) => ({ id, startedAt, finishedAt });

describe("clusterDeploys", () => {
  it("merges deploys closer than the gap and keeps every deploy", () => {
    const deploys = [d(1, 0), d(2, 3), d(3, 500), d(4, 1000)];
    const clusters = clusterDeploys(deploys, 0, 1000, 1000, 6);
    expect(clusters.map((c) => c.items.map((i) => i.deploy.id))).toEqual([[1, 2], [3], [4]]);
  });

  it("chains merges and sorts by time", () => {
    const clusters = clusterDeploys([d(3, 10), d(1, 0), d(2, 5)], 0, 1000, 1000, 6);
    expect(clusters).toHaveLength(1);
    expect(clusters[0].items.map((i) => i.deploy.id)).toEqual([1, 2, 3]);
  });

  it("drops deploys outside the range but keeps spans overlapping it, clipped", () => {
    const clusters = clusterDeploys([d(1, -500, 100), d(2, -500, -100), d(3, 2000)], 0, 1000, 100);
    expect(clusters).toHaveLength(1);
    expect(clusters[0].items[0]).toMatchObject({ x: 0, x2: 10 });
  });

  it("keeps hundreds of deploys over 30 days readable", () => {
    const day = 86_400_000;
    const deploys = Array.from({ length: 600 }, (_, i) => d(i, i * (30 * day) / 600));
    const clusters = clusterDeploys(deploys, 0, 30 * day, 600, 6);
    expect(clusters.length).toBeLessThanOrEqual(100);
    expect(clusters.reduce((n, c) => n + c.items.length, 0)).toBe(600);
  });

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

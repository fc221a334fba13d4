import { describe, expect, it } from "vitest";
import { layoutDeploys, type DeployLayout } from "./cluster-deploys";

const MIN = 60_000;
const DAY = 86_400_000;
type D = { id: number; environment: string; startedAt: number; finishedAt?: number | null; failed?: boolean };
const d = (id: number, startedAt: number, extra: Partial<D> = {}): D => ({ id, environment: "prod", startedAt, ...extra });
const failed = (x: D) => x.failed === true;
const idsOf = (layout: DeployLayout<D>) =>
  [...layout.prominent.map((p) => p.deploy.id), ...layout.lines.map((p) => p.deploy.id), ...layout.cells.flatMap((c) => c.deploys.map((x) => x.id))].sort((a, b) => a - b);

describe("layoutDeploys", () => {
  it("keeps deploys with room around them as lines and collapses close ones into the strip", () => {
    const layout = layoutDeploys([d(1, 0), d(2, 3), d(3, 500), d(4, 1000)], 0, 1000, 1000, failed);
    expect(layout.lines.map((p) => p.deploy.id)).toEqual([3, 4]);
    expect(layout.cells.map((c) => c.deploys.map((x) => x.id))).toEqual([[1, 2]]);
    expect(layout.lanes).toEqual(["prod"]);
  });

  it("gives each environment its own lane, in the promotion order given", () => {
    const deploys = [d(1, 0, { environment: "prod" }), d(2, 2, { environment: "test" }), d(3, 3, { environment: "prod" }), d(4, 4, { environment: "test" })];
    const layout = layoutDeploys(deploys, 0, 1000, 1000, failed, { laneOrder: ["test", "prod"] });
    expect(layout.lanes).toEqual(["test", "prod"]);
    expect(layout.cells.map((c) => [c.lane, c.deploys.map((x) => x.id)])).toEqual([["prod", [1, 3]], ["test", [2, 4]]]);
  });

  it("judges room within an environment: a test and a prod deploy close together stay two lines", () => {
    const layout = layoutDeploys([d(1, 0, { environment: "test" }), d(2, 4, { environment: "prod" }), d(3, 500)], 0, 1000, 1000, failed);
    expect(layout.lines.map((p) => p.deploy.id)).toEqual([1, 2, 3]);
    expect(layout.cells).toEqual([]);
  });

  it("keeps a failed deploy its own line even inside a dense period", () => {
    const deploys = [d(1, 0), d(2, 1), d(3, 2, { failed: true }), d(4, 3)];
    const layout = layoutDeploys(deploys, 0, 1000, 1000, failed);
    expect(layout.prominent.map((p) => p.deploy.id)).toEqual([3]);
    expect(idsOf(layout)).toEqual([1, 2, 3, 4]);
  });

  it("drops deploys outside the range but keeps spans overlapping it, clipped", () => {
    const layout = layoutDeploys([d(1, -500, { finishedAt: 100 }), d(2, -500, { finishedAt: -100 }), d(3, 2000)], 0, 1000, 100, failed);
    expect(idsOf(layout)).toEqual([1]);
    expect(layout.lines[0]).toMatchObject({ x: 0, x2: 10, band: true });
  });

  it("shades a rolling deploy only when its span is wider than a few pixels", () => {
    const wide = layoutDeploys([d(1, 10 * MIN, { finishedAt: 18 * MIN })], 0, 60 * MIN, 600, failed);
    expect(wide.lines[0]).toMatchObject({ x: 100, x2: 180, band: true });
    const narrow = layoutDeploys([d(1, 10 * MIN, { finishedAt: 18 * MIN })], 0, 30 * DAY, 600, failed);
    expect(narrow.lines[0].band).toBe(false);
  });

  it("keeps an instant deploy and one still running a line at its start", () => {
    const layout = layoutDeploys([d(1, 10 * MIN, { finishedAt: 10 * MIN }), d(2, 30 * MIN, { finishedAt: null })], 0, 60 * MIN, 600, failed);
    expect(layout.lines.map((p) => [p.x, p.x2, p.band])).toEqual([[100, 100, false], [300, 300, false]]);
  });

  it("draws 500 deploys over 30 days in a bounded number of marks, every deploy in one of them", () => {
    const deploys = Array.from({ length: 500 }, (_, i) => d(i, (i * 30 * DAY) / 500, { environment: i % 2 ? "prod" : "test", failed: i % 50 === 0 }));
    const layout = layoutDeploys(deploys, 0, 30 * DAY, 600, failed);
    const marks = layout.prominent.length + layout.lines.length + layout.cells.length;
    expect(marks).toBeLessThanOrEqual(2 * (600 / 16) + 10 + 5);
    expect(idsOf(layout)).toEqual(deploys.map((x) => x.id));
    expect(layout.prominent).toHaveLength(10);
  });

  it("caps prominent lines, spreading the kept ones over the range, and counts the cut", () => {
    const deploys = Array.from({ length: 300 }, (_, i) => d(i, i * MIN, { failed: true }));
    const layout = layoutDeploys(deploys, 0, 300 * MIN, 600, failed, { maxProminent: 100 });
    expect(layout.prominent).toHaveLength(100);
    expect(layout.cut).toBe(200);
    expect(layout.prominent.at(-1)!.deploy.id).toBeGreaterThan(290);
    expect(idsOf(layout)).toHaveLength(300);
  });
});

import { describe, expect, it } from "vitest";
import { timeTickLabel, timeTicks } from "./time-ticks";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const local = (ts: number) => new Date(ts);

describe("timeTicks", () => {
  const from = new Date(2026, 2, 10, 13, 47, 12).getTime();

  it("puts a day's ticks on whole local hours, a ladder step apart, within the range", () => {
    const ticks = timeTicks(from, from + DAY, 8);
    expect(ticks).toHaveLength(8);
    expect(ticks.map((t) => local(t).getHours())).toEqual([15, 18, 21, 0, 3, 6, 9, 12]);
    expect(ticks.every((t) => local(t).getMinutes() === 0 && t >= from && t <= from + DAY)).toBe(true);
  });

  it("picks a finer step when more ticks fit", () => {
    const ticks = timeTicks(from, from + HOUR, 12);
    expect(ticks.map((t) => `${local(t).getHours()}:${local(t).getMinutes()}`)).toEqual(["13:50", "13:55", "14:0", "14:5", "14:10", "14:15", "14:20", "14:25", "14:30", "14:35", "14:40", "14:45"]);
  });

  it("ticks whole days on spans labelled with dates, even where finer steps would fit", () => {
    const ticks = timeTicks(from, from + 3 * DAY, 20);
    expect(ticks.map((t) => local(t).getDate())).toEqual([11, 12, 13]);
    expect(ticks.every((t) => local(t).getHours() === 0)).toBe(true);
  });

  it("ticks the 1st of months on long spans", () => {
    const ticks = timeTicks(from, from + 365 * DAY, 8);
    expect(ticks.every((t) => local(t).getDate() === 1 && local(t).getHours() === 0)).toBe(true);
    expect(ticks.map((t) => local(t).getMonth())).toEqual([3, 6, 9, 0]);
  });

  it("answers no ticks for an empty range", () => {
    expect(timeTicks(from, from, 8)).toEqual([]);
    expect(timeTicks(from, from + DAY, 0)).toEqual([]);
  });
});

describe("timeTickLabel", () => {
  const ts = new Date(2026, 10, 26, 14, 5).getTime();
  it("reads as a clock time up to two days and as a date beyond", () => {
    expect(timeTickLabel(ts, DAY)).toBe("14:05");
    expect(timeTickLabel(ts, 3 * DAY)).toBe("26 Nov");
  });
});

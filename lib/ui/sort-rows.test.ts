import { describe, expect, it } from "vitest";
import { sortRows } from "./sort-rows";

const rows = [
  { key: 1, sort: { n: 10, s: "b2" } },
  { key: 2, sort: { n: null, s: "b10" } },
  { key: 3, sort: { n: 2, s: "a" } },
  { key: 4, sort: { n: 10, s: undefined } },
];
const keys = (r: { key: number }[]) => r.map((x) => x.key);

describe("sortRows", () => {
  it("sorts numbers and text (numeric-aware) either way, missing values last, ties stable", () => {
    expect(keys(sortRows(rows, { key: "n", dir: "asc" }))).toEqual([3, 1, 4, 2]);
    expect(keys(sortRows(rows, { key: "n", dir: "desc" }))).toEqual([1, 4, 3, 2]);
    expect(keys(sortRows(rows, { key: "s", dir: "asc" }))).toEqual([3, 1, 2, 4]);
  });
  it("keeps the given order without a sort", () => {
    expect(keys(sortRows(rows, null))).toEqual([1, 2, 3, 4]);
  });
});

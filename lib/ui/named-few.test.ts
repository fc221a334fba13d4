import { describe, expect, it } from "vitest";
import { namedFew } from "./named-few";

describe("namedFew", () => {
  it("names them all when there are few enough", () => {
    expect(namedFew(["a", "b"], 4, "below")).toBe("a, b");
    expect(namedFew(["a", "b", "c", "d"], 4, "below")).toBe("a, b, c, d");
  });

  it("names the first few and counts the rest", () => {
    expect(namedFew(["a", "b", "c", "d", "e", "f"], 4, "below")).toBe("a, b, c, d and 2 more, below");
  });
});

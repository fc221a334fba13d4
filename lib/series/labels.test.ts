import { describe, expect, it } from "vitest";
import { labelKey, labelProblem, parseLabelKey, sanitizeLabelName, seriesName } from "./labels";

describe("label sets", () => {
  it("have one canonical text whatever the key order, and read back", () => {
    const labels = { status: "200", route: '/a "b"\\c\nd' };
    const key = labelKey(labels);
    expect(key).toBe('route="/a \\"b\\"\\\\c\\nd",status="200"');
    expect(labelKey({ route: labels.route, status: "200" })).toBe(key);
    expect(parseLabelKey(key)).toEqual(labels);
    expect(parseLabelKey("")).toEqual({});
  });

  it("leave out empty values, as Prometheus does", () => {
    expect(labelKey({ a: "", b: "1" })).toBe('b="1"');
    expect(labelKey({})).toBe("");
  });

  it("name a series as Prometheus text", () => {
    expect(seriesName("up", {})).toBe("up");
    expect(seriesName("up", { job: "auth" })).toBe('up{job="auth"}');
  });

  it("refuse bad names, too many labels and long values", () => {
    expect(labelProblem({ route: "/a" })).toBeNull();
    expect(labelProblem({ "http.route": "/a" })).toMatch(/label name "http.route"/);
    expect(labelProblem({ __name__: "x" })).toMatch(/no leading __/);
    expect(labelProblem(Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`l${i}`, "v"])))).toMatch(/at most 32 labels/);
    expect(labelProblem({ a: "x".repeat(1025) })).toMatch(/longer than 1024/);
  });

  it("turn foreign keys into label names", () => {
    expect(sanitizeLabelName("http.route")).toBe("http_route");
    expect(sanitizeLabelName("9lives")).toBe("_9lives");
    expect(sanitizeLabelName("__x")).toBe("_x");
  });
});

import { describe, expect, it } from "vitest";
import { compareResponses, diffResponses, type CapturedResponse } from "./compare";
import { fieldMatcher } from "./json-path";

const json = (body: unknown, status = 200, type = "application/json"): CapturedResponse => ({
  status,
  headers: { "content-type": type },
  body: Buffer.from(typeof body === "string" ? body : JSON.stringify(body)),
});

describe("compareResponses", () => {
  it("treats JSON structurally: key order and number spelling do not matter", () => {
    const a = json('{"user":{"id":1,"name":"ada"},"total":100}');
    const b = json('{"total":1e2,"user":{"name":"ada","id":1.0}}');
    expect(compareResponses(a, b)).toEqual({ match: true, diff: null });
  });

  it("reports status, header and field differences with their paths", () => {
    const a = json({ user: { name: "ada" }, items: [1, 2] });
    const b = json({ user: { name: "bob" }, items: [1] }, 500, "application/json; charset=utf-8");
    const { match, diff } = compareResponses(a, b);
    expect(match).toBe(false);
    expect(diff).toEqual([
      { path: "status", primary: 200, candidate: 500 },
      { path: "headers.content-type", primary: "application/json", candidate: "application/json; charset=utf-8" },
      { path: "$.items[1]", primary: 2 },
      { path: "$.user.name", primary: "ada", candidate: "bob" },
    ]);
  });

  it("compares headers from a configurable list", () => {
    const a = { ...json({}), headers: { "content-type": "application/json", etag: '"1"' } };
    const b = { ...json({}), headers: { "content-type": "application/json", etag: '"2"' } };
    expect(compareResponses(a, b).match).toBe(true);
    expect(compareResponses(a, b, { headers: ["etag"] }).diff).toEqual([{ path: "headers.etag", primary: '"1"', candidate: '"2"' }]);
  });

  it("compares non-JSON bodies byte for byte", () => {
    expect(compareResponses(json("hello", 200, "text/plain"), json("hello", 200, "text/plain")).match).toBe(true);
    const { diff } = compareResponses(json("hello", 200, "text/plain"), json("hellO", 200, "text/plain"));
    expect(diff).toEqual([{ path: "body", primary: "5 bytes: hello", candidate: "5 bytes: hellO" }]);
  });

  it("leaves ignored paths and bare names out of the verdict", () => {
    const a = json({ requestId: "a", items: [{ ts: 1, v: 1 }, { ts: 2, v: 2 }], meta: { trace: { requestId: "x" } } });
    const b = json({ requestId: "b", items: [{ ts: 3, v: 1 }, { ts: 4, v: 2 }], meta: { trace: { requestId: "y" } } });
    expect(compareResponses(a, b, { isIgnored: fieldMatcher(["$.requestId", "$.items[*].ts", "$.meta.trace"]) }).match).toBe(true);
    expect(compareResponses(a, b, { isIgnored: fieldMatcher(["requestId", "ts"]) }).match).toBe(true);
    expect(compareResponses(a, b, { isIgnored: fieldMatcher(["requestId"]) }).diff?.map((d) => d.path)).toEqual(["$.items[0].ts", "$.items[1].ts"]);
  });

  it("caps the diff and cuts long values", () => {
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    const { diff } = compareResponses(json(many), json({ k0: "x".repeat(1000) }));
    expect(diff).toHaveLength(20);
    expect(String(diff?.[0].candidate)).toHaveLength(201);
  });
});

describe("diffResponses", () => {
  it("quotes keys that are not identifiers", () => {
    expect(diffResponses(json({ "a b": 1 }), json({ "a b": 2 })).map((d) => d.path)).toEqual(['$["a b"]']);
  });
});

describe("fieldMatcher", () => {
  it("rejects rules that are not paths", () => {
    expect(() => fieldMatcher(["$.items[oops"])).toThrow(/not a JSON path/);
  });
});

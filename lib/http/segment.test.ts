import { describe, expect, it } from "vitest";
import { ApiError } from "./api-error";
import { decodeSegment, malformedQueryParams, malformedSegment, tryDecodeSegment } from "./segment";

describe("safe decoding", () => {
  it("decodes valid escapes and refuses malformed ones with a 400 naming the part", () => {
    expect(decodeSegment("auth%2Dapi", "service")).toBe("auth-api");
    expect(() => decodeSegment("%E0%A4%A", "service")).toThrow(ApiError);
    expect(tryDecodeSegment("%E0%A4%A")).toBeNull();
    expect(tryDecodeSegment("%")).toBeNull();
  });

  it("finds the malformed segment of a path and the malformed parameters of a query", () => {
    expect(malformedSegment("/api/v1/services/%E0%A4%A/criteria")).toBe("%E0%A4%A");
    expect(malformedSegment("/api/v1/services/a%20b/criteria")).toBeNull();
    expect(malformedQueryParams("?metric=%E0%A4%A&from=-1h&to=%ZZ&ok=a%20b+c")).toEqual(["metric", "to"]);
    expect(malformedQueryParams("")).toEqual([]);
  });
});

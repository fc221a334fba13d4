import { describe, expect, it } from "vitest";
import { redactHeaderDiffs } from "./redact";

describe("redactHeaderDiffs", () => {
  it("keeps that credential headers differ, never their values, and leaves other entries alone", () => {
    const diff = [
      { path: "headers.set-cookie", primary: "session=abc", candidate: "session=def" },
      { path: "headers.Authorization", candidate: "Bearer xyz" },
      { path: "headers.x-internal-token", primary: "t1", candidate: "t2" },
      { path: "headers.content-type", primary: "application/json", candidate: "text/html" },
      { path: "$.cookie", primary: 1, candidate: 2 },
    ];
    expect(redactHeaderDiffs(diff, ["X-Internal-Token"])).toEqual([
      { path: "headers.set-cookie", primary: "[redacted]", candidate: "[redacted]" },
      { path: "headers.Authorization", candidate: "[redacted]" },
      { path: "headers.x-internal-token", primary: "[redacted]", candidate: "[redacted]" },
      { path: "headers.content-type", primary: "application/json", candidate: "text/html" },
      { path: "$.cookie", primary: 1, candidate: 2 },
    ]);
    expect(redactHeaderDiffs(null)).toBeNull();
  });
});

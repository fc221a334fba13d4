import { describe, expect, it } from "vitest";
import { foldEndpoint } from "./endpoint";

describe("foldEndpoint", () => {
  it("folds numeric ids, UUIDs and hex tokens and drops the query string", () => {
    expect(foldEndpoint("get", "/users/123/orders/9f1c2b3a4d5e6f70?expand=1")).toBe("GET /users/:id/orders/:id");
    expect(foldEndpoint("GET", "/accounts/3f2504e0-4f89-11d3-9a0c-0305e82c3301/profile")).toBe("GET /accounts/:id/profile");
    expect(foldEndpoint("DELETE", "/sessions/eyJhbGciOiJIUzI1NiJ9abc123")).toBe("DELETE /sessions/:id");
  });

  it("keeps route words, versions and the root", () => {
    expect(foldEndpoint("GET", "/api/v1/notification-settings")).toBe("GET /api/v1/notification-settings");
    expect(foldEndpoint("GET", "/")).toBe("GET /");
    expect(foldEndpoint("GET", "?q=1")).toBe("GET /");
    expect(foldEndpoint("GET", "/users/")).toBe("GET /users/");
  });

  it("does not throw on malformed escapes", () => {
    expect(foldEndpoint("GET", "/files/%E0%A4%A/42")).toBe("GET /files/%E0%A4%A/:id");
  });
});

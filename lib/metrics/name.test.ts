import { describe, expect, it } from "vitest";
import { serviceOfSeries } from "./name";

describe("serviceOfSeries", () => {
  it("takes the service label, else the first segment of a plain or dotted name, else the job", () => {
    expect(serviceOfSeries("http.server.requests", { service: "auth", http_route: "/a" })).toBe("auth");
    expect(serviceOfSeries("auth.api.latency", {})).toBe("auth");
    expect(serviceOfSeries("auth.hits", { route: "/a" })).toBe("auth");
    expect(serviceOfSeries("up", {})).toBe("up");
    expect(serviceOfSeries("http_requests_total", { job: "checkout", route: "/a" })).toBe("checkout");
    expect(serviceOfSeries("http_requests_total", { route: "/a" })).toBeNull();
  });
});

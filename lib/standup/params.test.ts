import { describe, expect, it } from "vitest";
import { standupParamsSchema } from "./params";

describe("standupParamsSchema", () => {
  it("reads the services list and the rotation period", () => {
    expect(standupParamsSchema.parse({ services: "auth, billing", rotate: "3s" })).toEqual({ services: ["auth", "billing"], rotate: 3000 });
  });

  it("falls back to every service and 30 s rather than failing on a TV", () => {
    expect(standupParamsSchema.parse({})).toEqual({ services: [], rotate: 30_000 });
    expect(standupParamsSchema.parse({ services: "auth,bad name,", rotate: "1s" })).toEqual({ services: ["auth"], rotate: 30_000 });
    expect(standupParamsSchema.parse({ rotate: "soon" }).rotate).toBe(30_000);
  });
});

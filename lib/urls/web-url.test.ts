import { describe, expect, it } from "vitest";
import { buildInputSchema } from "@/lib/builds/schema";
import { deploymentInputSchema } from "@/lib/deploys/schema";
import { serviceSettingsSchema } from "@/lib/services/settings-schema";
import { isWebUrl, safeHref } from "./web-url";

describe("web URLs", () => {
  it("accepts http(s) only", () => {
    expect(isWebUrl("https://ci.example/run/1")).toBe(true);
    expect(isWebUrl("http://ci.example")).toBe(true);
    for (const bad of ["data:text/html,<script>alert(1)</script>", "javascript:alert(1)", "file:///etc/passwd", "ftp://x", "ci.example/run", ""]) {
      expect(isWebUrl(bad)).toBe(false);
      expect(safeHref(bad)).toBeUndefined();
    }
  });

  it("is what every URL field of the API takes", () => {
    const base = { service: "auth", version: "1.0" };
    expect(buildInputSchema.safeParse({ ...base, ciUrl: "data:text/html,x" }).success).toBe(false);
    expect(buildInputSchema.safeParse({ ...base, artifactUrl: "javascript:alert(1)" }).success).toBe(false);
    expect(buildInputSchema.safeParse({ ...base, ciUrl: "https://ci/1" }).success).toBe(true);
    expect(deploymentInputSchema.safeParse({ ...base, environment: "prod", links: { x: "data:text/html,x" } }).success).toBe(false);
    expect(serviceSettingsSchema.safeParse({ logUrlTemplate: "javascript:alert('{service}')" }).success).toBe(false);
  });
});

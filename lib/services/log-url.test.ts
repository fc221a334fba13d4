import { describe, expect, it } from "vitest";
import { logSearchUrl } from "./log-url";
import { logUrlTemplateSchema } from "./settings-schema";

describe("logSearchUrl", () => {
  it("fills in the service and ISO times, URL-encoded, wherever they appear", () => {
    const url = logSearchUrl("https://logs/x?q=service:{service}&from={from}&to={to}&again={service}", "auth api", Date.UTC(2025, 0, 1), Date.UTC(2025, 0, 1, 1));
    expect(url).toBe("https://logs/x?q=service:auth%20api&from=2025-01-01T00%3A00%3A00.000Z&to=2025-01-01T01%3A00%3A00.000Z&again=auth%20api");
  });

  it("accepts http(s) templates only", () => {
    expect(logUrlTemplateSchema.safeParse("https://logs.example.com/app/discover#/?_a=(query:'service:{service}')").success).toBe(true);
    expect(logUrlTemplateSchema.safeParse("javascript:alert({service})").success).toBe(false);
    expect(logUrlTemplateSchema.safeParse("logs/{service}").success).toBe(false);
  });
});

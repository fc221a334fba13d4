import { describe, expect, it } from "vitest";
import { formatPerfData, formatPluginOutput } from "./plugin-output";
import { parseThreshold } from "./threshold";

describe("formatPerfData", () => {
  it("quotes the label and writes every field", () => {
    expect(
      formatPerfData({ label: "auth p95", value: 0.1 + 0.2, uom: "s", warning: parseThreshold("0.5"), critical: parseThreshold("1"), min: 0, max: 10 }),
    ).toBe("'auth p95'=0.3s;0.5;1;0;10");
  });

  it("drops trailing empty fields but keeps inner ones", () => {
    expect(formatPerfData({ label: "errors", value: 3 })).toBe("'errors'=3");
    expect(formatPerfData({ label: "errors", value: 3, critical: parseThreshold("@10:20") })).toBe("'errors'=3;;@10:20");
    expect(formatPerfData({ label: "errors", value: 3, min: 0 })).toBe("'errors'=3;;;0");
  });

  it("escapes quotes, replaces = and leaves out units the guidelines do not know", () => {
    expect(formatPerfData({ label: "it's a=b", value: 1, uom: "req/s" })).toBe("'it''s a_b'=1");
    expect(formatPerfData({ label: "cpu", value: 42, uom: "%" })).toBe("'cpu'=42%");
  });
});

describe("formatPluginOutput", () => {
  it("writes the state, the text and the perfdata", () => {
    const line = formatPluginOutput("WARNING", "auth.api.latency.p95 avg 5m = 0.7", [
      { label: "auth.api.latency.p95", value: 0.7, warning: parseThreshold("0.5"), critical: parseThreshold("1") },
    ]);
    expect(line).toBe("DEPLOYLINES WARNING - auth.api.latency.p95 avg 5m = 0.7 | 'auth.api.latency.p95'=0.7;0.5;1");
  });

  it("keeps the text on one line without a perfdata separator", () => {
    expect(formatPluginOutput("UNKNOWN", "no data | try\nlater")).toBe("DEPLOYLINES UNKNOWN - no data / try later");
  });
});

import { describe, expect, it } from "vitest";
import { parsePluginOutput } from "./parse-plugin-output";
import { formatPluginOutput } from "./plugin-output";
import { parseThreshold } from "./threshold";

describe("parsePluginOutput", () => {
  it("reads back what formatPluginOutput writes", () => {
    const line = formatPluginOutput("WARNING", "avg 120ms", [
      { label: "it's p95", value: 120.5, uom: "ms", warning: parseThreshold("100"), critical: parseThreshold("@200:300"), min: 0 },
      { label: "count", value: 3 },
    ]);
    expect(parsePluginOutput(line)).toEqual({
      state: "WARNING",
      text: "avg 120ms",
      perfdata: [
        { label: "it's p95", value: 120.5, uom: "ms", warning: "100", critical: "@200:300", min: 0, max: null },
        { label: "count", value: 3, uom: null, warning: null, critical: null, min: null, max: null },
      ],
    });
  });

  it("takes a line without perfdata, and refuses other text", () => {
    expect(parsePluginOutput("DEPLOYLINES UNKNOWN - cannot reach deploylines")).toEqual({ state: "UNKNOWN", text: "cannot reach deploylines", perfdata: [] });
    expect(parsePluginOutput("<html>")).toBeNull();
  });
});

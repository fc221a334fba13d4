import { describe, expect, it } from "vitest";
import { evaluate, exitCode, stateOfExitCode } from "./state";
import { parseThreshold } from "./threshold";

function check(warning: string | undefined, critical: string | undefined, value: number) {
  return evaluate(value, warning === undefined ? undefined : parseThreshold(warning), critical === undefined ? undefined : parseThreshold(critical));
}

describe("evaluate", () => {
  // The guidelines' command-line examples (`check_stuff -w… -c…`).
  it("-w10 -c20: critical over 20 or below 0, else warning over 10", () => {
    expect(check("10", "20", 5)).toBe("OK");
    expect(check("10", "20", 15)).toBe("WARNING");
    expect(check("10", "20", 25)).toBe("CRITICAL");
    expect(check("10", "20", -1)).toBe("CRITICAL");
  });

  it("-w~:10 -c~:20: the same, negative values OK", () => {
    expect(check("~:10", "~:20", -1)).toBe("OK");
    expect(check("~:10", "~:20", 15)).toBe("WARNING");
    expect(check("~:10", "~:20", 25)).toBe("CRITICAL");
  });

  it("-w10: -c20: critical over 20, else warning below 10 (critical below 0)", () => {
    expect(check("10:", "20", 25)).toBe("CRITICAL");
    expect(check("10:", "20", 5)).toBe("WARNING");
    expect(check("10:", "20", 15)).toBe("OK");
    expect(check("10:", "20", -1)).toBe("CRITICAL");
  });

  it("-c1: critical below 1", () => {
    expect(check(undefined, "1:", 0)).toBe("CRITICAL");
    expect(check(undefined, "1:", 1)).toBe("OK");
  });

  it("-w~:0 -c10: critical over 10 (or below 0), warning above 0", () => {
    expect(check("~:0", "10", 0)).toBe("OK");
    expect(check("~:0", "10", 5)).toBe("WARNING");
    expect(check("~:0", "10", 11)).toBe("CRITICAL");
    expect(check("~:0", "10", -1)).toBe("CRITICAL");
  });

  it("-c5:6: critical outside 5..6; -c@10:20: critical inside 10..20", () => {
    expect(check(undefined, "5:6", 4)).toBe("CRITICAL");
    expect(check(undefined, "5:6", 5.5)).toBe("OK");
    expect(check(undefined, "@10:20", 10)).toBe("CRITICAL");
    expect(check(undefined, "@10:20", 21)).toBe("OK");
  });

  it("is UNKNOWN without a value and OK without thresholds", () => {
    expect(check("10", "20", Number.NaN)).toBe("UNKNOWN");
    expect(check(undefined, undefined, 1e9)).toBe("OK");
  });
});

describe("exit codes", () => {
  it("maps states to 0–3 and back", () => {
    for (const [state, code] of [["OK", 0], ["WARNING", 1], ["CRITICAL", 2], ["UNKNOWN", 3]] as const) {
      expect(exitCode(state)).toBe(code);
      expect(stateOfExitCode(code)).toBe(state);
    }
    expect(stateOfExitCode(7)).toBe("UNKNOWN");
    expect(stateOfExitCode(-1)).toBe("UNKNOWN");
  });
});

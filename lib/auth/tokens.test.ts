import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveTokens, sessionMatches, sessionValue, tokenMatches } from "./tokens";

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "deploylines-tokens-"));

describe("resolveTokens", () => {
  it("takes comma-separated tokens from the environment", () => {
    expect(resolveTokens(" a , b,,", tempDir())).toEqual({ tokens: ["a", "b"], generated: false });
  });

  it("generates a token file with mode 0600 once, then reads it", () => {
    const dir = tempDir();
    const first = resolveTokens(undefined, dir);
    expect(first.generated).toBe(true);
    expect(fs.statSync(first.file!).mode & 0o777).toBe(0o600);
    expect(resolveTokens(undefined, dir)).toEqual({ tokens: first.tokens, file: first.file, generated: false });
  });

  it("replaces an empty token file rather than accepting an empty token", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "token"), "\n");
    const resolved = resolveTokens(undefined, dir);
    expect(resolved.generated).toBe(true);
    expect(resolved.tokens[0].length).toBeGreaterThan(20);
  });
});

describe("token and session checks", () => {
  it("accepts only the tokens given, and sessions made from them", () => {
    expect(tokenMatches("secret", ["other", "secret"])).toBe(true);
    expect(tokenMatches("secret ", ["secret"])).toBe(false);
    expect(tokenMatches("", [])).toBe(false);
    expect(sessionMatches(sessionValue("secret"), ["secret"])).toBe(true);
    expect(sessionMatches(sessionValue("other"), ["secret"])).toBe(false);
    expect(sessionValue("secret")).not.toContain("secret");
  });
});

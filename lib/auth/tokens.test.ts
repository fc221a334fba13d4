import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fingerprintScope, resolveTokens, tokenFingerprint, tokenList, tokenScope } from "./tokens";

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "deploylines-tokens-"));

describe("resolveTokens", () => {
  it("takes comma-separated tokens from the environment", () => {
    expect(resolveTokens(" a , b,,", tempDir())).toEqual({ tokens: ["a", "b"], generated: false });
    expect(tokenList(" i1 ,,i2")).toEqual(["i1", "i2"]);
    expect(tokenList(undefined)).toEqual([]);
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

describe("token scopes and fingerprints", () => {
  const tokens = { admin: ["other", "secret"], ingest: ["pusher"] };
  it("tells admin from ingest tokens and accepts nothing else", () => {
    expect(tokenScope("secret", tokens)).toBe("admin");
    expect(tokenScope("pusher", tokens)).toBe("ingest");
    expect(tokenScope("secret ", tokens)).toBeNull();
    expect(tokenScope("", { admin: [], ingest: [] })).toBeNull();
  });

  it("maps a session's fingerprint back to its token's scope while that token is accepted", () => {
    expect(tokenFingerprint("secret")).not.toContain("secret");
    expect(fingerprintScope(tokenFingerprint("secret"), tokens)).toBe("admin");
    expect(fingerprintScope(tokenFingerprint("pusher"), tokens)).toBe("ingest");
    expect(fingerprintScope(tokenFingerprint("secret"), { admin: ["rotated"], ingest: [] })).toBeNull();
  });
});

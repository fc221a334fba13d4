import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const TOKENS = Symbol.for("deploylines.tokens");
type Holder = { [TOKENS]?: string[] };

/**
 * Resolves the accepted write tokens: DEPLOYLINES_TOKEN (comma-separated), else the token file
 * in the data folder, generated (mode 0600) on first start. Returns the tokens and, when a file
 * is used, its path — the token itself is never logged.
 */
export function resolveTokens(envTokens: string | undefined, dir: string): { tokens: string[]; file?: string; generated: boolean } {
  if (envTokens && envTokens.trim() !== "") {
    return { tokens: envTokens.split(",").map((t) => t.trim()).filter(Boolean), generated: false };
  }
  const file = path.join(dir, "token");
  const existing = fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim() : "";
  if (existing !== "") return { tokens: [existing], file, generated: false };
  // Missing, or left empty by a crash between create and write: an empty token would let anyone write.
  fs.mkdirSync(dir, { recursive: true });
  const token = crypto.randomBytes(24).toString("base64url");
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return { tokens: [token], file, generated: true };
}

/** Remembers the tokens for this process. */
export function setAcceptedTokens(tokens: string[]): void {
  (globalThis as Holder)[TOKENS] = tokens.filter((t) => t !== "");
}

export function acceptedTokens(): string[] {
  return (globalThis as Holder)[TOKENS] ?? [];
}

/** Compares in constant time: both sides are hashed first, so lengths leak nothing either. */
export function tokenMatches(candidate: string, tokens: string[] = acceptedTokens()): boolean {
  const digest = sha256(candidate);
  let ok = false;
  for (const token of tokens) ok = crypto.timingSafeEqual(digest, sha256(token)) || ok;
  return ok;
}

/** The UI session cookie holds a MAC of the token, not the token, so the cookie cannot be replayed as a Bearer token. */
export function sessionValue(token: string): string {
  return crypto.createHmac("sha256", token).update("deploylines-ui-session").digest("base64url");
}

/** True when the cookie value was made from one of the accepted tokens. */
export function sessionMatches(value: string, tokens: string[] = acceptedTokens()): boolean {
  const digest = sha256(value);
  let ok = false;
  for (const token of tokens) ok = crypto.timingSafeEqual(digest, sha256(sessionValue(token))) || ok;
  return ok;
}

function sha256(text: string): Buffer {
  return crypto.createHash("sha256").update(text).digest();
}

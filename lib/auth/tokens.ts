import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const TOKENS = Symbol.for("deploylines.tokens");
type Holder = { [TOKENS]?: AcceptedTokens };

/**
 * Resolves the accepted admin tokens: DEPLOYLINES_TOKEN (comma-separated), else the token file
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

/** What a token (or a session made with one) may do: `ingest` records data, `admin` also changes policy. */
export type Scope = "ingest" | "admin";

/** The tokens this process accepts, per scope. */
export interface AcceptedTokens {
  admin: string[];
  ingest: string[];
}

/** Remembers the tokens for this process: DEPLOYLINES_TOKEN's are admin, DEPLOYLINES_INGEST_TOKEN's ingest-only. */
export function setAcceptedTokens(tokens: AcceptedTokens): void {
  (globalThis as Holder)[TOKENS] = { admin: tokens.admin.filter((t) => t !== ""), ingest: tokens.ingest.filter((t) => t !== "") };
}

export function acceptedTokens(): AcceptedTokens {
  return (globalThis as Holder)[TOKENS] ?? { admin: [], ingest: [] };
}

/** Splits a comma-separated token list (DEPLOYLINES_INGEST_TOKEN). */
export function tokenList(raw: string | undefined): string[] {
  return (raw ?? "").split(",").map((t) => t.trim()).filter(Boolean);
}

/**
 * The scope of a presented token, or null when no accepted token matches. Compares in constant
 * time: both sides are hashed first, so lengths leak nothing either; every token is compared.
 */
export function tokenScope(candidate: string, tokens: AcceptedTokens = acceptedTokens()): Scope | null {
  const digest = sha256(candidate);
  let admin = false;
  let ingest = false;
  for (const token of tokens.admin) admin = crypto.timingSafeEqual(digest, sha256(token)) || admin;
  for (const token of tokens.ingest) ingest = crypto.timingSafeEqual(digest, sha256(token)) || ingest;
  return admin ? "admin" : ingest ? "ingest" : null;
}

/**
 * What a session remembers of the token that made it: a one-way digest, so the sessions table
 * holds no token, yet a rotated token (no longer accepted) ends every session it made.
 */
export function tokenFingerprint(token: string): string {
  return crypto.createHash("sha256").update(`deploylines-session:${token}`).digest("hex");
}

/** The scope a token fingerprint stands for today, or null when its token is no longer accepted. */
export function fingerprintScope(fingerprint: string, tokens: AcceptedTokens = acceptedTokens()): Scope | null {
  if (tokens.admin.some((t) => tokenFingerprint(t) === fingerprint)) return "admin";
  if (tokens.ingest.some((t) => tokenFingerprint(t) === fingerprint)) return "ingest";
  return null;
}

function sha256(text: string): Buffer {
  return crypto.createHash("sha256").update(text).digest();
}

import "server-only";
import crypto from "node:crypto";
import type { Store } from "@/lib/store/types";
import { fingerprintScope, tokenFingerprint, type Scope } from "./tokens";

/** How long a UI sign-in lasts. */
export const SESSION_TTL_MS = 30 * 86_400_000;

/** The session id goes in the cookie; only its hash is stored. */
const hashId = (id: string) => crypto.createHash("sha256").update(id).digest("hex");

/** Starts a UI session for a token already checked to have `scope`; returns the cookie value (a fresh random id). */
export async function startSession(store: Store, token: string, scope: Scope, now = Date.now()): Promise<{ id: string; expiresAt: number }> {
  const id = crypto.randomBytes(32).toString("base64url");
  const expiresAt = now + SESSION_TTL_MS;
  await store.createSession({ idHash: hashId(id), tokenFingerprint: tokenFingerprint(token), scope, createdAt: now, expiresAt });
  return { id, expiresAt };
}

/**
 * The scope a session cookie grants now, or null: unknown, signed out, expired, or made with a
 * token the server no longer accepts. A session made with an admin token that is now only an
 * ingest token gets ingest.
 */
export async function sessionScope(store: Store, id: string, now = Date.now()): Promise<Scope | null> {
  if (id === "" || id.length > 200) return null;
  const session = await store.getSession(hashId(id));
  if (!session || session.expiresAt <= now) return null;
  const current = fingerprintScope(session.tokenFingerprint);
  if (current === null) return null;
  return session.scope === "admin" && current === "admin" ? "admin" : "ingest";
}

/** Signs a session out; false when it did not exist. */
export async function endSession(store: Store, id: string): Promise<boolean> {
  return store.deleteSession(hashId(id));
}

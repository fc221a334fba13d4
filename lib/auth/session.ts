import "server-only";
import { cookies } from "next/headers";
import { getStore } from "@/lib/store";
import { SESSION_COOKIE } from "./require-writer";
import { sessionScope } from "./sessions";
import type { Scope } from "./tokens";

/** The scope of this page request's UI session, or null when signed out (the UI is then read-only). */
export async function signedInScope(): Promise<Scope | null> {
  const value = (await cookies()).get(SESSION_COOKIE)?.value;
  return value ? sessionScope(await getStore(), value) : null;
}

/** True when this page request carries a live UI session (the UI then offers write actions). */
export async function isSignedIn(): Promise<boolean> {
  return (await signedInScope()) !== null;
}

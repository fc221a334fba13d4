import "server-only";
import { cookies } from "next/headers";
import { SESSION_COOKIE } from "./require-writer";
import { sessionMatches } from "./tokens";

/** True when this page request carries a valid UI session (the UI then offers write actions). */
export async function isSignedIn(): Promise<boolean> {
  const value = (await cookies()).get(SESSION_COOKIE)?.value;
  return value ? sessionMatches(value) : false;
}

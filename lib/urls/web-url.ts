import { z } from "zod";

/** True for an absolute http: or https: URL — the only links a page may render (no `javascript:`, `data:`, …). */
export function isWebUrl(text: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** `href` when it is an http(s) URL, else undefined: stored data from before the check is never a clickable script. */
export function safeHref(href: string | null | undefined): string | undefined {
  return href && isWebUrl(href) ? href : undefined;
}

/** A link a user gives (CI run, artifact, deploy links): http(s) only. */
export const webUrlSchema = z.string().max(2000, "URL is longer than 2000 characters").refine(isWebUrl, "must be an http(s) URL");

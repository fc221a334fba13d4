import { z } from "zod";

/** The link to one commit: the service's template with `{sha}` replaced. */
export function commitUrl(template: string, sha: string): string {
  return template.replaceAll("{sha}", encodeURIComponent(sha));
}

/** A repository commit link template: http(s), with `{sha}`, e.g. https://github.com/org/repo/commit/{sha}. */
export const commitUrlTemplateSchema = z
  .string()
  .max(2000)
  .refine((template) => {
    if (!template.includes("{sha}")) return false;
    try {
      return ["http:", "https:"].includes(new URL(commitUrl(template, "0123abc")).protocol);
    } catch {
      return false;
    }
  }, "must be an http(s) URL containing {sha}");

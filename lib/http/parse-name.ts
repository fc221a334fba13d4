import { nameSchema } from "@/lib/deploys/schema";
import { badRequest } from "./api-error";

/** Validates a name from a route segment (a service), or throws a 400 naming the segment. */
export function parseName(raw: string, what = "service"): string {
  let name = raw;
  try {
    name = decodeURIComponent(raw);
  } catch {
    // A malformed escape fails the name check below.
  }
  const parsed = nameSchema.safeParse(name);
  if (!parsed.success) throw badRequest(`${what} is not a valid name`, [{ where: what, message: parsed.error.issues[0].message }]);
  return parsed.data;
}

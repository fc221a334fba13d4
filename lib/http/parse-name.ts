import { nameSchema } from "@/lib/deploys/schema";
import { badRequest } from "./api-error";
import { decodeSegment } from "./segment";

/** Validates a name from a route segment (a service) — the one parser of `[service]` — or throws a 400 naming the segment. */
export function parseName(raw: string, what = "service"): string {
  const parsed = nameSchema.safeParse(decodeSegment(raw, what));
  if (!parsed.success) throw badRequest(`${what} is not a valid name`, [{ where: what, message: parsed.error.issues[0].message }]);
  return parsed.data;
}

import "server-only";
import { nameSchema } from "@/lib/deploys/schema";
import { parseParam } from "./handler";

/** Validates a name from a route segment (a service) — the one parser of `[service]` — or throws a 400 naming the segment. */
export function parseName(raw: string, what = "service"): string {
  return parseParam(raw, nameSchema, what);
}

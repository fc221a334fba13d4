import type { z } from "zod";
import { problemsFromZod } from "@/lib/http/problem";
import { CliError } from "./client";

/** Validates CLI input with the API's own zod schema, failing before any request is made. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const stripped = JSON.parse(JSON.stringify(input));
  const parsed = schema.safeParse(stripped);
  if (!parsed.success) {
    const lines = problemsFromZod(parsed.error).map((p) => `  ${p.where}: ${p.message}`);
    throw new CliError(`invalid arguments:\n${lines.join("\n")}`, 2);
  }
  return parsed.data;
}

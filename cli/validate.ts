import type { Command } from "commander";
import type { z } from "zod";
import { problemsFromZod } from "@/lib/http/problem";
import { CliError } from "./client";

/**
 * Validates CLI input with the API's own zod schema, failing before any request is made. Given the
 * command, a problem with a field the command has a flag for is named by that flag (`environment`
 * → `--environment`, `startedAt` → `--started-at`), and a missing one is "required".
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown, command?: Pick<Command, "options">): z.infer<S> {
  const stripped = JSON.parse(JSON.stringify(input));
  const parsed = schema.safeParse(stripped);
  if (!parsed.success) {
    // Commander's own name for each option's value (`--started-at` → `startedAt`), as the fields are named.
    const flags = new Map((command?.options ?? []).map((option) => [option.attributeName(), option.long]));
    const lines = problemsFromZod(parsed.error).map(({ where, message }) => {
      const flag = flags.get(where);
      return flag ? `  ${flag}: ${/received undefined$/.test(message) ? "required" : message}` : `  ${where}: ${message}`;
    });
    throw new CliError(`invalid arguments:\n${lines.join("\n")}`, 2);
  }
  return parsed.data;
}

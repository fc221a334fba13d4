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
    const flags = new Set((command?.options ?? []).map((option) => option.long));
    const lines = problemsFromZod(parsed.error).map(({ where, message }) => {
      const flag = `--${where.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      const named = flags.has(flag) ? flag : where;
      return `  ${named}: ${/received undefined$/.test(message) && flags.has(flag) ? "required" : message}`;
    });
    throw new CliError(`invalid arguments:\n${lines.join("\n")}`, 2);
  }
  return parsed.data;
}

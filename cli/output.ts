import type { Command } from "commander";

/** Adds `--json` to a command: its result as one JSON object on stdout instead of prose. */
export function withJson(command: Command): Command {
  return command.option("--json", "print the result as one JSON object on stdout (errors too, as {error, exitCode})");
}

/** Prints a command's result: the JSON document when `--json` was given, else the text line(s). */
export function emit(opts: { json?: boolean }, result: unknown, text: string): void {
  process.stdout.write(`${opts.json ? JSON.stringify(result) : text}\n`);
}

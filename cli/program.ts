import { Command, CommanderError } from "commander";
import { isCliError } from "./client";
import { unknownLine } from "./commands/check";
import { EXIT } from "./exit-codes";

/** The `deploylines` program with its global options, before any command is registered. */
export function createProgram(): Command {
  return new Command("deploylines")
    .description(
      "Record builds and deploys, send metrics, and more — a client of the deploylines HTTP API.\n" +
        "Environment: DEPLOYLINES_URL (default http://localhost:3000), DEPLOYLINES_TOKEN (writes only).\n" +
        "Exit codes: 0 ok, 1 denied or failed, 2 bad arguments, 3 unreachable, 4 unauthorized, 5 not found; check: Nagios' 0–3.",
    )
    .option("--url <url>", "server URL (default: $DEPLOYLINES_URL or http://localhost:3000)")
    .option("--token <token>", "write token (default: $DEPLOYLINES_TOKEN or the server's data/token); read-only commands never need it")
    .showHelpAfterError()
    .exitOverride();
}

/**
 * The first command word of the arguments, skipping the global options and their values: lets the
 * entry point load only the command that runs.
 */
export function commandOf(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--url" || args[i] === "--token") i++;
    else if (!args[i].startsWith("-")) return args[i];
  }
  return undefined;
}

/** Parses the arguments and runs the command; every failure becomes one message and its exit code. */
export async function runProgram(program: Command, argv: string[]): Promise<void> {
  let running: Command | undefined;
  program.hook("preAction", (_program, action) => {
    running = action;
  });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (running?.name() === "check") {
      // A Nagios plugin never leaves a stack trace or a WARNING exit behind: whatever broke is UNKNOWN.
      process.stdout.write(`${unknownLine(error)}\n`);
      process.exit(EXIT.unreachable);
    }
    if (error instanceof CommanderError) {
      // Commander printed its message already; a script asking for JSON still gets its object.
      if (error.exitCode !== 0 && argv.includes("--json")) process.stdout.write(`${JSON.stringify({ error: error.message, exitCode: EXIT.usage })}\n`);
      process.exit(error.exitCode === 0 ? EXIT.ok : EXIT.usage);
    }
    const exitCode = isCliError(error) ? error.exitCode : EXIT.failed;
    const message = isCliError(error) ? error.message : String((error as Error).stack ?? error);
    if (running?.opts().json) process.stdout.write(`${JSON.stringify({ error: message, exitCode, status: isCliError(error) ? error.status : undefined })}\n`);
    console.error(`deploylines: ${message}`);
    process.exit(exitCode);
  }
}

import { registerCheckCommand } from "./commands/check";
import { commandOf, createProgram, runProgram } from "./program";

const program = createProgram();
// Nagios runs `check` hundreds of times a minute: that path loads commander and the check alone.
// The other commands load zod and the API's schemas, which would double the plugin's start-up
// (bundled, they are a file of their own: see scripts/build-cli.mjs).
if (commandOf(process.argv.slice(2)) === "check") registerCheckCommand(program);
else (require("./all-commands") as typeof import("./all-commands")).registerAllCommands(program);

void runProgram(program, process.argv);

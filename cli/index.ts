import { Command, CommanderError } from "commander";
import { CliError } from "./client";
import { registerBuildCommand } from "./commands/build";
import { registerCheckCommand } from "./commands/check";
import { registerDeployCommand } from "./commands/deploy";
import { registerGateCommand } from "./commands/gate";
import { registerRollbackCommand } from "./commands/rollback";
import { registerSendCommand } from "./commands/send";
import { registerShadowCommand } from "./commands/shadow";

const program = new Command("deploylines")
  .description("Record builds and deploys, send metrics, and more — a client of the deploylines HTTP API.\nEnvironment: DEPLOYLINES_URL (default http://localhost:3000), DEPLOYLINES_TOKEN.")
  .option("--url <url>", "server URL (default: $DEPLOYLINES_URL or http://localhost:3000)")
  .option("--token <token>", "write token (default: $DEPLOYLINES_TOKEN or the server's data/token)")
  .showHelpAfterError()
  .exitOverride();

registerDeployCommand(program);
registerRollbackCommand(program);
registerBuildCommand(program);
registerGateCommand(program);
registerSendCommand(program);
registerShadowCommand(program);
registerCheckCommand(program);

async function main(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
    if (error instanceof CliError) {
      console.error(`deploylines: ${error.message}`);
      process.exit(error.exitCode);
    }
    console.error(`deploylines: ${(error as Error).stack ?? error}`);
    process.exit(1);
  }
}

void main();

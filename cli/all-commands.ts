import type { Command } from "commander";
import { registerBuildCommand } from "./commands/build";
import { registerCheckCommand } from "./commands/check";
import { registerDeployCommand } from "./commands/deploy";
import { registerDeploymentsCommand } from "./commands/deployments";
import { registerGateCommand } from "./commands/gate";
import { registerRollbackCommand } from "./commands/rollback";
import { registerSendCommand } from "./commands/send";
import { registerShadowCommand } from "./commands/shadow";

/** Registers every command, in the order `--help` lists them. A new command adds one line here. */
export function registerAllCommands(program: Command): void {
  registerDeployCommand(program);
  registerDeploymentsCommand(program);
  registerRollbackCommand(program);
  registerBuildCommand(program);
  registerGateCommand(program);
  registerSendCommand(program);
  registerShadowCommand(program);
  registerCheckCommand(program);
}

import { spawn } from "node:child_process";
import path from "node:path";

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** The bin to run: the checkout's `bin/deploylines.cjs` (through node) unless an installed one is given (run as is). */
  bin?: string;
  /** Run as this user and group (the test runs as root and drops to e.g. `nagios`). */
  uid?: number;
  gid?: number;
  cwd?: string;
}

/** Runs the CLI as a pipeline would, with a clean DEPLOYLINES_* environment. */
export function runCli(args: string[], env: Record<string, string> = {}, options: CliRunOptions = {}): Promise<CliRun> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("DEPLOYLINES_")));
  const [command, argv] = options.bin ? [options.bin, args] : [process.execPath, [path.resolve("bin/deploylines.cjs"), ...args]];
  const child = spawn(command, argv, { env: { ...clean, ...env } as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"], uid: options.uid, gid: options.gid, cwd: options.cwd });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => (stdout += c));
  child.stderr.on("data", (c) => (stderr += c));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface InstalledCli {
  /** Absolute path of the installed `deploylines` bin. */
  bin: string;
  /** The tarball `npm pack` made. */
  tarball: string;
  /** Temp folder holding the copy, the tarball and the install prefix. */
  dir: string;
}

// What `npm pack` needs from the checkout: the sources it bundles and the manifest it rewrites.
const PACKED_FROM = ["package.json", "tsconfig.json", "README.md", "bin", "cli", "lib", "scripts"];

/**
 * Packs the CLI as a release would (`npm pack`, which bundles it at prepack) and installs the
 * tarball with `npm install -g --prefix`, offline: nothing may come from a registry. The pack runs
 * in a copy of the checkout so the prepack manifest swap never touches the tree other tests read.
 */
export async function packAndInstallCli(): Promise<InstalledCli> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploylines-cli-"));
  // Open to other users: Nagios runs the installed bin as `nagios`.
  fs.chmodSync(dir, 0o755);
  const copy = path.join(dir, "checkout");
  fs.mkdirSync(copy);
  for (const entry of PACKED_FROM) fs.cpSync(path.resolve(entry), path.join(copy, entry), { recursive: true });
  fs.symlinkSync(path.resolve("node_modules"), path.join(copy, "node_modules"));
  const npmEnv = { ...process.env, npm_config_cache: path.join(dir, "npm-cache"), npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" };
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", dir], { cwd: copy, env: npmEnv });
  const tarball = path.join(dir, (JSON.parse(stdout) as { filename: string }[])[0].filename);
  const prefix = path.join(dir, "prefix");
  await run("npm", ["install", "-g", "--offline", "--prefix", prefix, tarball], { env: npmEnv });
  return { bin: path.join(prefix, "bin", "deploylines"), tarball, dir };
}

// `npm pack` makes the CLI package for CI runners and Nagios hosts: prepack builds the bundle and
// swaps in a manifest without the app's dependencies (Next, React, better-sqlite3 …), postpack
// puts the checkout's package.json back. The bundle already holds zod and commander.
import { execFileSync } from "node:child_process";
import fs from "node:fs";

const BACKUP = "package.json.pack-backup";
const step = process.argv[2];

if (step === "prepack") {
  execFileSync(process.execPath, ["scripts/build-cli.mjs"], { stdio: "inherit" });
  if (!fs.existsSync(BACKUP)) fs.copyFileSync("package.json", BACKUP);
  const app = JSON.parse(fs.readFileSync(BACKUP, "utf8"));
  const cli = {
    name: app.name,
    version: app.version,
    description: `${app.description} — the command-line client (deploy, build, gate, check as a Nagios plugin, …)`,
    license: app.license,
    bin: app.bin,
    files: ["bin/deploylines.cjs", "dist/cli/deploylines.cjs", "dist/cli/all-commands.cjs", "README.md"],
    engines: app.engines,
  };
  fs.writeFileSync("package.json", `${JSON.stringify(cli, null, 2)}\n`);
} else if (step === "postpack") {
  if (fs.existsSync(BACKUP)) fs.renameSync(BACKUP, "package.json");
} else {
  throw new Error("usage: node scripts/pack-manifest.mjs prepack|postpack");
}

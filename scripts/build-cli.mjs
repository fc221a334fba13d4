// Bundles the CLI (cli/index.ts with the lib/ schemas it shares, zod and commander) into one
// CommonJS file, so the installed bin starts without tsx, TypeScript or the app's dependencies.
import { build } from "esbuild";

await build({
  entryPoints: ["cli/index.ts"],
  outfile: "dist/cli/deploylines.cjs",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  tsconfig: "tsconfig.json",
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: "none",
  logLevel: "warning",
});

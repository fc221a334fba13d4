// Bundles the CLI (with the lib/ schemas it shares, zod and commander) into CommonJS files, so the
// installed bin starts without tsx, TypeScript or the app's dependencies. Two files: the entry
// holds commander and `check` alone, and loads every other command from all-commands.cjs, so the
// Nagios plugin — run hundreds of times a minute — never parses zod or the other commands.
import { build } from "esbuild";

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  tsconfig: "tsconfig.json",
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: "none",
  logLevel: "warning",
};

const allCommandsApart = {
  name: "all-commands-apart",
  setup(esbuild) {
    esbuild.onResolve({ filter: /^\.\/all-commands$/ }, () => ({ path: "./all-commands.cjs", external: true }));
  },
};

await Promise.all([
  build({ ...common, entryPoints: ["cli/index.ts"], outfile: "dist/cli/deploylines.cjs", plugins: [allCommandsApart] }),
  build({ ...common, entryPoints: ["cli/all-commands.ts"], outfile: "dist/cli/all-commands.cjs" }),
]);

#!/usr/bin/env node
// Installed from `npm pack` the package holds only the bundle (dist/cli, built at prepack): run it.
// In a checkout the TypeScript sources are the truth, so tsx runs them and a stale bundle never does.
const fs = require("node:fs");
const path = require("node:path");

const sources = path.join(__dirname, "../cli/index.ts");
if (fs.existsSync(sources)) {
  require("tsx/cjs/api").register();
  require(sources);
} else {
  require("../dist/cli/deploylines.cjs");
}

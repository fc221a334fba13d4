#!/usr/bin/env node
// The CLI is TypeScript sharing the server's zod schemas; tsx compiles it on the fly.
require("tsx/cjs/api").register();
require("../cli/index.ts");

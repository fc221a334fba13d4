import fs from "node:fs";

/**
 * True when `next build` has produced an app for `startTestServer` to run. The API tests need
 * it and are skipped without it (vitest runs before the build in `npm test`'s first pass).
 */
export const appIsBuilt = fs.existsSync(".next/BUILD_ID");

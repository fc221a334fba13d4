#!/usr/bin/env node
// Runs the built app (`npm run build` first) as `next start` does, with its options
// (-p/--port, PORT; -H/--hostname), plus one thing: the GET endpoints machines poll (health,
// Nagios checks) are answered by their route handlers without going through Next.js' router
// (lib/server/lean-routes.ts). Everything else, pages included, is Next.js' own request handler.
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

// As `next start`; before Next.js and React load, which read it.
process.env.NODE_ENV ??= "production";

// When whatever reads the log goes away (a `| head`, a log shipper that died), every write to
// stdout or stderr fails with EPIPE. Unhandled, each failure is an uncaught exception, which
// Next.js logs — failing again — for ever: a core at 100 % and a SIGTERM that never finishes.
// The server goes on without its log.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") throw error;
  });
}

const usage = "usage: node scripts/serve.mjs [-p PORT] [-H HOSTNAME]";
let options;
try {
  options = parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } } }).values;
} catch (error) {
  console.error(`${error.message}\n${usage}`);
  process.exit(2);
}
const portText = options.port ?? process.env.PORT ?? "3000";
const port = Number(portText);
if (!/^\d+$/.test(portText) || port > 65535) {
  console.error(`invalid port "${portText}": a number from 0 to 65535\n${usage}`);
  process.exit(2);
}
const hostname = options.hostname;

const { default: next } = await import("next");
const app = next({ dev: false, dir: path.join(path.dirname(fileURLToPath(import.meta.url)), ".."), hostname: hostname ?? "localhost", port });
// Installed by the app's start-up (lib/server/start.ts), which Next.js runs in this process.
const LEAN = Symbol.for("deploylines.serveLean");
let handle = null;
const server = http.createServer((req, res) => {
  if (globalThis[LEAN]?.(req, res)) return;
  handle(req, res).catch((error) => {
    console.error(`[deploylines] ${req.method} ${req.url} failed:`, error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});

// As `next start`: on SIGTERM/SIGINT stop accepting connections, let requests in flight finish,
// exit 143/130. Installed before the app starts: its shutdown (lib/server/shutdown.ts) takes this
// handler off the signals and runs it once the listeners have flushed what they hold.
const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 };
let closing = false;
for (const [signal, code] of Object.entries(EXIT_CODES)) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    server.close(() => process.exit(code));
    server.closeIdleConnections();
  });
}

server.on("error", (error) => {
  console.error(`[deploylines] cannot listen on ${hostname ?? "every interface"}, port ${port}: ${error.message}`);
  process.exit(1);
});

await app.prepare();
handle = app.getRequestHandler();
server.listen(port, hostname, () => {
  const { address, port: bound } = server.address();
  const shown = !hostname || address === "0.0.0.0" || address === "::" ? "localhost" : hostname;
  console.log(`[deploylines] listening on http://${shown}:${bound}`);
});

import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const TEST_TOKEN = "test-token-123";

export interface TestServer {
  url: string;
  port: number;
  dir: string;
  dbFile: string;
  token: string;
  /** Process id of the server (scripts/serve.mjs), e.g. to read its memory. */
  pid: number;
  /** Authorised fetch against the server. */
  api: (pathname: string, init?: RequestInit & { json?: unknown }) => Promise<Response>;
  /** Sends `signal` (SIGTERM unless given) and waits for the exit; resolves to the exit code. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
  /** SIGKILL, as a crash would. */
  kill: () => Promise<number | null>;
  log: () => string;
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export interface TestServerOptions {
  /** Data folder to reuse (e.g. a restart on the same SQLite file); a new temp folder otherwise. */
  dir?: string;
  /** How long start-up (migrations, demo seeding) may take before giving up; 60 s by default. */
  readyTimeoutMs?: number;
  /** Run `next start` instead of scripts/serve.mjs: every route, the lean ones too, through Next.js' router. */
  nextStart?: boolean;
}

/**
 * Starts the built app (scripts/serve.mjs, as `npm start`; run `npm run build` first) on a free port with its own
 * SQLite file (unless DATABASE_URL is given) and a known token. Listeners are off unless asked.
 */
export async function startTestServer(env: Record<string, string> = {}, options: TestServerOptions = {}): Promise<TestServer> {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "deploylines-test-"));
  const port = await freePort();
  const dbFile = path.join(dir, "deploylines.db");
  const fullEnv: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: `file:${dbFile}`,
    DEPLOYLINES_TOKEN: TEST_TOKEN,
    DEPLOYLINES_GRAPHITE_PORT: "off",
    DEPLOYLINES_PICKLE_PORT: "off",
    DEPLOYLINES_STATSD_PORT: "off",
    ...env,
  };
  const [command, ...args] = options.nextStart ? [path.resolve("node_modules/.bin/next"), "start"] : [process.execPath, path.resolve("scripts/serve.mjs")];
  const child = spawn(command, [...args, "-p", String(port), "-H", "127.0.0.1"], {
    env: fullEnv as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, () => output, options.readyTimeoutMs ?? 60_000);
  const token = (fullEnv.DEPLOYLINES_TOKEN ?? "").split(",")[0];
  return {
    url,
    port,
    dir,
    dbFile,
    token,
    pid: child.pid!,
    api: (pathname, init = {}) => {
      const headers = new Headers(init.headers);
      if (!headers.has("authorization")) headers.set("authorization", `Bearer ${token}`);
      let body = init.body;
      if (init.json !== undefined) {
        headers.set("content-type", "application/json");
        body = JSON.stringify(init.json);
      }
      return fetch(`${url}${pathname}`, { ...init, headers, body });
    },
    stop: (signal = "SIGTERM") => stopChild(child, signal),
    kill: () => stopChild(child, "SIGKILL"),
    log: () => output,
  };
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output()}`);
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  child.kill("SIGKILL");
  throw new Error(`server did not become healthy within ${timeoutMs / 1000} s:\n${output()}`);
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.kill(signal);
  });
}

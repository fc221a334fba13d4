import fs from "node:fs";
import path from "node:path";
import { EXIT, exitCodeOfStatus } from "./exit-codes";

/** Raised for anything the CLI should report as one line and a non-zero exit. */
export class CliError extends Error {
  override readonly name = "CliError";

  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
    /** The HTTP status, when the server answered with an error. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * True for a CliError, recognised by name: the bundled CLI is two files, and the commands of the
 * second throw their own copy of the class.
 */
export function isCliError(error: unknown): error is CliError {
  return error instanceof Error && error.name === "CliError" && typeof (error as CliError).exitCode === "number";
}

/** The checkout or installed package holding this file (cli/ under tsx, dist/cli/ when bundled). */
function packageRoot(): string | undefined {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
  }
  return undefined;
}

/**
 * The write token and where it came from: DEPLOYLINES_TOKEN, else the file the server generated
 * in its data folder (DEPLOYLINES_DATA_DIR, ./data, the package's own data folder). Only writes
 * call this, so read-only commands run as users who cannot read that file (Nagios).
 */
export function findToken(env: NodeJS.ProcessEnv = process.env): { token?: string; source: string } {
  if (env.DEPLOYLINES_TOKEN) return { token: env.DEPLOYLINES_TOKEN.split(",")[0].trim(), source: "from DEPLOYLINES_TOKEN" };
  const root = packageRoot();
  const candidates = [env.DEPLOYLINES_DATA_DIR, path.resolve("data"), root && path.join(root, "data")].filter(Boolean) as string[];
  for (const dir of candidates) {
    const file = path.join(dir, "token");
    if (!fs.existsSync(file)) continue;
    try {
      return { token: fs.readFileSync(file, "utf8").trim(), source: `from ${file}` };
    } catch (error) {
      throw new CliError(`cannot read the token in ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); set DEPLOYLINES_TOKEN or --token`, EXIT.unauthorized);
    }
  }
  return { source: `none (no DEPLOYLINES_TOKEN, and no token file in ${candidates.join(", ")})` };
}

export interface ApiClientOptions {
  url?: string;
  token?: string;
}

// A pipeline step must end: a server that accepts the connection and never answers is exit 3.
const REQUEST_TIMEOUT_MS = 30_000;

/** The server's base URL from --url, DEPLOYLINES_URL or the default. */
export function serverUrl(options: ApiClientOptions = {}): string {
  return (options.url ?? process.env.DEPLOYLINES_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}

/** A thin client of the HTTP API; errors come back as CliErrors carrying the server's reasons and an exit code. */
export function apiClient(options: ApiClientOptions = {}) {
  const base = serverUrl(options);

  async function request<T>(method: string, pathname: string, body?: unknown, contentType = "application/json"): Promise<T> {
    const headers: Record<string, string> = {};
    // Where the token came from, to say so when the server refuses it.
    let tokenSource = "";
    if (method !== "GET") {
      const found = options.token === undefined ? findToken() : { token: options.token, source: "from --token" };
      tokenSource = found.source;
      if (found.token) headers.authorization = `Bearer ${found.token}`;
    }
    if (body !== undefined) headers["content-type"] = contentType;
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${base}${pathname}`, {
        method,
        headers,
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      text = await response.text();
    } catch (error) {
      const cause = (error as Error).name === "TimeoutError" ? `no answer within ${REQUEST_TIMEOUT_MS / 1000} s` : describeCause(error);
      throw new CliError(`cannot reach deploylines at ${base} (${cause}); set DEPLOYLINES_URL or --url`, EXIT.unreachable);
    }
    const json = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const reason = json?.error ?? (text.slice(0, 200) || response.statusText);
      const problems = Array.isArray(json?.problems) ? json.problems.map((p: { where: string; message: string }) => `\n  ${p.where}: ${p.message}`).join("") : "";
      const hint = response.status === 401 ? ` (token: ${tokenSource || "none, as for every GET"}; pass --token or set DEPLOYLINES_TOKEN to a token the server accepts)` : "";
      throw new CliError(`${method} ${pathname} failed: ${response.status} ${reason}${hint}${problems}`, exitCodeOfStatus(response.status), response.status);
    }
    return (json ?? text) as T;
  }

  return {
    base,
    get: <T>(p: string) => request<T>("GET", p),
    post: <T>(p: string, body: unknown, contentType?: string) => request<T>("POST", p, body, contentType),
    patch: <T>(p: string, body: unknown) => request<T>("PATCH", p, body),
    put: <T>(p: string, body: unknown) => request<T>("PUT", p, body),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

function safeJson(text: string) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Why a fetch failed, without the `Error:` prefix: the cause's message (e.g. `connect ECONNREFUSED …`), else the error's. */
export function describeCause(error: unknown): string {
  const { cause, message } = error as Error & { cause?: unknown };
  return cause instanceof Error ? cause.message : String(cause ?? message);
}

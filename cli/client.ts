import fs from "node:fs";
import path from "node:path";

/** Raised for anything the CLI should report as one line and a non-zero exit. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    /** The HTTP status, when the server answered with an error. */
    readonly status?: number,
  ) {
    super(message);
  }
}

// The CLI runs as CommonJS under tsx; the package root holds the server's default data folder.
const packageRoot = path.resolve(__dirname, "..");

/** The write token: DEPLOYLINES_TOKEN, else the file the server generated in its data folder. */
export function findToken(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.DEPLOYLINES_TOKEN) return env.DEPLOYLINES_TOKEN.split(",")[0].trim();
  const candidates = [env.DEPLOYLINES_DATA_DIR, path.resolve("data"), path.join(packageRoot, "data")].filter(Boolean) as string[];
  for (const dir of candidates) {
    const file = path.join(dir, "token");
    if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  }
  return undefined;
}

export interface ApiClientOptions {
  url?: string;
  token?: string;
}

/** A thin client of the HTTP API; errors come back as CliErrors carrying the server's reasons. */
export function apiClient(options: ApiClientOptions = {}) {
  const base = (options.url ?? process.env.DEPLOYLINES_URL ?? "http://localhost:3000").replace(/\/+$/, "");
  const token = options.token ?? findToken();

  async function request<T>(method: string, pathname: string, body?: unknown, contentType = "application/json"): Promise<T> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers["content-type"] = contentType;
    let response: Response;
    try {
      response = await fetch(`${base}${pathname}`, {
        method,
        headers,
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      });
    } catch (error) {
      throw new CliError(`cannot reach deploylines at ${base} (${(error as Error).cause ?? (error as Error).message}); set DEPLOYLINES_URL`, 3);
    }
    const text = await response.text();
    const json = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const reason = json?.error ?? text.slice(0, 200) ?? response.statusText;
      const problems = Array.isArray(json?.problems) ? json.problems.map((p: { where: string; message: string }) => `\n  ${p.where}: ${p.message}`).join("") : "";
      const hint = response.status === 401 ? " (set DEPLOYLINES_TOKEN to a token the server accepts)" : "";
      throw new CliError(`${method} ${pathname} failed: ${response.status} ${reason}${hint}${problems}`, 1, response.status);
    }
    return (json ?? text) as T;
  }

  return {
    base,
    get: <T>(p: string) => request<T>("GET", p),
    post: <T>(p: string, body: unknown, contentType?: string) => request<T>("POST", p, body, contentType),
    patch: <T>(p: string, body: unknown) => request<T>("PATCH", p, body),
    put: <T>(p: string, body: unknown) => request<T>("PUT", p, body),
    /** Raw fetch for commands that need the response itself (e.g. check's headers). */
    raw: (p: string) => fetch(`${base}${p}`),
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

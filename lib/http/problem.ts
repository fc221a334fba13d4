import type { z } from "zod";

/** One thing wrong with a request: where (field path or line number) and why. */
export interface Problem {
  where: string;
  message: string;
}

/** Turns zod issues into problems whose `where` reads like `series[0].points[12][1]`. */
export function problemsFromZod(error: z.ZodError, limit = 100): Problem[] {
  return error.issues.slice(0, limit).map((issue) => ({
    where: formatPath(issue.path) || "body",
    message: issue.message,
  }));
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), "");
}

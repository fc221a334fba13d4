/**
 * The CLI's exit codes, the same for every command but `check` (which keeps Nagios' 0–3), so a
 * pipeline can tell a shut gate from a wrong token from a server that is down.
 */
export const EXIT = {
  ok: 0,
  /** The answer is no: gate shut, deploy failed or rolled back. */
  failed: 1,
  /** Bad arguments, or input the server refused (400). */
  usage: 2,
  /** The server could not be reached, timed out, or failed (5xx). */
  unreachable: 3,
  /** The token is missing, unreadable or refused (401/403). */
  unauthorized: 4,
  /** What was named does not exist (404). */
  notFound: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit code for an HTTP error answer. */
export function exitCodeOfStatus(status: number): ExitCode {
  if (status === 401 || status === 403) return EXIT.unauthorized;
  if (status === 404) return EXIT.notFound;
  if (status >= 500) return EXIT.unreachable;
  if (status >= 400) return EXIT.usage;
  return EXIT.failed;
}

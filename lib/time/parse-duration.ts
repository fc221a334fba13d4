const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|min|m|h|d|w|y)$/;

/** Parses a duration such as `90s`, `5m`, `24h`, `7d`; returns milliseconds or null when malformed. */
export function parseDuration(text: string): number | null {
  const match = DURATION.exec(text.trim());
  if (!match) return null;
  return Math.round(Number(match[1]) * UNIT_MS[match[2]]);
}

/** Formats milliseconds as the largest whole unit that fits, e.g. 5400000 → "1.5h". */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(ms)}ms`;
  if (abs < 60_000) return `${+(ms / 1000).toFixed(1)}s`;
  if (abs < 3_600_000) return `${+(ms / 60_000).toFixed(1)}m`;
  if (abs < 86_400_000) return `${+(ms / 3_600_000).toFixed(1)}h`;
  return `${+(ms / 86_400_000).toFixed(1)}d`;
}

/** A Nagios threshold range `[@]start:end`: alerts outside start..end, or inside when `@`. */
export interface ThresholdRange {
  start: number;
  end: number;
  inside: boolean;
  /** The range as written, for perfdata. */
  text: string;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses the threshold range syntax of the Nagios plugin development guidelines:
 * `10` (0..10), `10:` (10..∞), `~:10` (-∞..10), `10:20`, `@10:20` (alert inside, inclusive).
 * Throws an Error naming what is wrong with the text.
 */
export function parseThreshold(text: string): ThresholdRange {
  const trimmed = text.trim();
  const inside = trimmed.startsWith("@");
  const body = inside ? trimmed.slice(1) : trimmed;
  if (body === "" && !inside) throw new Error(`threshold is empty: use e.g. 10, 10:, ~:10, 10:20 or @10:20`);
  // The guidelines' reference implementation (Monitoring::Plugin::Range) refuses a colon with neither end.
  if (body === ":") throw new Error(`threshold "${text}" gives neither start nor end: use e.g. 10:, ~:10 or 10:20`);
  const colon = body.indexOf(":");
  const rawStart = colon === -1 ? "" : body.slice(0, colon);
  const rawEnd = colon === -1 ? body : body.slice(colon + 1);
  const start = rawStart === "~" ? -Infinity : rawStart === "" ? 0 : toNumber(rawStart, text);
  const end = rawEnd === "" ? Infinity : toNumber(rawEnd, text);
  if (start > end) throw new Error(`threshold "${text}": start ${rawStart || 0} is greater than end ${rawEnd}`);
  return { start, end, inside, text: trimmed };
}

function toNumber(raw: string, text: string): number {
  if (!NUMBER.test(raw)) throw new Error(`threshold "${text}": "${raw}" is not a number (ranges look like [@]start:end, ~ for -∞)`);
  return Number(raw);
}

/** True when the value raises the alert: outside the range, or inside it for `@` ranges (endpoints inclusive). */
export function alerts(range: ThresholdRange, value: number): boolean {
  const within = value >= range.start && value <= range.end;
  return range.inside ? within : !within;
}

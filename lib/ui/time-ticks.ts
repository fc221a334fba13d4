import { formatClock, formatDay } from "./format";

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Spans up to this long label their ticks with a clock time; longer ones with a date. */
const CLOCK_LABELS_UP_TO = 2 * DAY;

/** A tick step: a wall-clock duration within a day, a number of days, or a number of months. */
type Step = { unit: "time"; ms: number } | { unit: "day"; days: number } | { unit: "month"; months: number };

const LADDER: Step[] = [
  ...[1, 5, 10, 15, 30].map((s): Step => ({ unit: "time", ms: s * SECOND })),
  ...[1, 2, 5, 10, 15, 30].map((m): Step => ({ unit: "time", ms: m * MINUTE })),
  ...[1, 2, 3, 6, 12].map((h): Step => ({ unit: "time", ms: h * HOUR })),
  ...[1, 2, 7, 14].map((days): Step => ({ unit: "day", days })),
  ...[1, 3, 6, 12, 24, 60, 120].map((months): Step => ({ unit: "month", months })),
];

const approxMs = (step: Step) => (step.unit === "time" ? step.ms : step.unit === "day" ? step.days * DAY : step.months * 30 * DAY);

/**
 * Round local times for a time axis over [from, to]: at most `maxTicks` of them, one step of the
 * usual ladder apart (5 min, 3 h, 1 day, 1 month…), on wall-clock boundaries (14:00, midnight, the
 * 1st). Spans labelled with dates tick whole days at least, so no two ticks read the same.
 */
export function timeTicks(from: number, to: number, maxTicks: number): number[] {
  if (!(to > from) || maxTicks < 1) return [];
  const span = to - from;
  const minMs = span > CLOCK_LABELS_UP_TO ? DAY : 0;
  const step = LADDER.find((s) => approxMs(s) >= minMs && span / approxMs(s) <= maxTicks) ?? LADDER[LADDER.length - 1];
  const start = new Date(from);
  const [y, m, d] = [start.getFullYear(), start.getMonth(), start.getDate()];
  // The k-th candidate, built from local date fields so that daylight-saving changes keep ticks on the wall clock.
  const at =
    step.unit === "time"
      ? (k: number) => new Date(y, m, d, 0, 0, 0, k * step.ms).getTime()
      : step.unit === "day"
        ? (k: number) => new Date(y, m, d + k * step.days).getTime()
        : (k: number) => new Date(y, m - (m % step.months) + k * step.months, 1).getTime();
  let k = step.unit === "time" ? Math.floor((from - new Date(y, m, d).getTime()) / step.ms) : 0;
  const ticks: number[] = [];
  for (let t = at(k); t <= to; t = at(++k)) {
    if (t >= from && t !== ticks[ticks.length - 1]) ticks.push(t);
  }
  return ticks;
}

/** A tick's label: the clock time on spans up to two days, the date beyond. */
export function timeTickLabel(ts: number, span: number): string {
  return span <= CLOCK_LABELS_UP_TO ? formatClock(ts) : formatDay(ts);
}

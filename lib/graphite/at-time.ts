/**
 * Graphite's `from`/`until` times (graphite-web `render/attime.py`, documented in its render API
 * docs under "from / until"): epoch seconds, `now`, relative offsets (`-1d`, `-6h`, `-5min`,
 * `-2w`, `-1mon`, `-1y`, also after a reference: `now-1d`, `noon+2h`), and absolute references
 * `HH:MM_YYYYMMDD`, `YYYYMMDD`, `MM/DD/YY[YY]`, `noon`, `midnight`, `teatime`, `yesterday`,
 * `today`, `tomorrow`, `HH:MM`, `9am`, month names (`jan1`) and weekdays (`monday`).
 * Times of day are read in UTC. Returns epoch ms, or null when the text is not a Graphite time.
 */
export function parseGraphiteTime(input: string, now: number = Date.now()): number | null {
  const s = input.trim().toLowerCase().replace(/[_, ]/g, "");
  if (s === "" || s.length > 64) return null;
  if (/^\d+$/.test(s) && !isYyyymmdd(s)) return representable(Number(s) * 1000);
  const sign = s.search(/[+-]/);
  const ref = sign === -1 ? s : s.slice(0, sign);
  const reference = parseReference(ref, now);
  const offset = sign === -1 ? 0 : parseOffset(s.slice(sign));
  if (reference === null || offset === null) return null;
  return representable(reference + offset);
}

// A time a Date can hold (±100,000,000 days around 1970), so that every answer can print it.
function representable(ms: number): number | null {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? ms : null;
}

const UNIT_MS: [string, number][] = [
  ["s", 1000],
  ["min", 60_000],
  ["h", 3_600_000],
  ["d", 86_400_000],
  ["w", 7 * 86_400_000],
  ["mon", 30 * 86_400_000],
  ["y", 365 * 86_400_000],
];

/** An offset such as `-1d`, `+2h30min` or `5min` (no sign: forward), in ms; null when malformed. */
export function parseOffset(text: string): number | null {
  let rest = text;
  let sign = 1;
  if (rest[0] === "+" || rest[0] === "-") {
    sign = rest[0] === "-" ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === "") return null;
  let total = 0;
  while (rest !== "") {
    const m = /^(\d+)([a-z]+)/.exec(rest);
    if (!m) return null;
    // graphite-web matches units by prefix (`min`, `minutes`, `h`, `hours`…); `m` alone is not one of them.
    const unit = m[2].startsWith("mon") ? 30 * 86_400_000 : UNIT_MS.find(([u]) => u !== "mon" && m[2].startsWith(u))?.[1];
    if (unit === undefined) return null;
    total += Number(m[1]) * unit;
    rest = rest.slice(m[0].length);
  }
  return sign * total;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

function isYyyymmdd(s: string): boolean {
  return s.length === 8 && Number(s.slice(0, 4)) > 1900 && Number(s.slice(4, 6)) < 13 && Number(s.slice(6)) < 32;
}

function parseReference(input: string, now: number): number | null {
  let ref = input;
  if (ref === "" || ref === "now") return now;
  let hour = 0;
  let minute = 0;
  const colon = ref.indexOf(":");
  if (colon > 0 && colon < 3) {
    hour = Number(ref.slice(0, colon));
    minute = Number(ref.slice(colon + 1, colon + 3));
    ref = ref.slice(colon + 3);
    if (ref.startsWith("am")) ref = ref.slice(2);
    else if (ref.startsWith("pm")) {
      hour = (hour + 12) % 24;
      ref = ref.slice(2);
    }
  }
  const meridiem = /^(\d{1,2})(am|pm)/.exec(ref);
  if (meridiem) {
    hour = (Number(meridiem[1]) % 12) + (meridiem[2] === "pm" ? 12 : 0);
    ref = ref.slice(meridiem[0].length);
  }
  for (const [word, h] of [["noon", 12], ["midnight", 0], ["teatime", 16]] as const) {
    if (ref.startsWith(word)) {
      hour = h;
      minute = 0;
      ref = ref.slice(word.length);
    }
  }
  if (!Number.isFinite(hour) || !Number.isFinite(minute) || hour > 23 || minute > 59) return null;
  const today = new Date(now);
  let [y, mo, d] = [today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()];
  if (ref === "yesterday") d -= 1;
  else if (ref === "tomorrow") d += 1;
  else if (ref === "today" || ref === "") {
    // today at the time of day given
  } else if (/^\d{1,2}\/\d{1,2}\/\d{2,4}$/.test(ref)) {
    const [m, day, year] = ref.split("/").map(Number);
    y = year < 1900 ? (year + 1900 < 1970 ? year + 2000 : year + 1900) : year;
    mo = m - 1;
    d = day;
  } else if (/^\d{8}$/.test(ref)) {
    [y, mo, d] = [Number(ref.slice(0, 4)), Number(ref.slice(4, 6)) - 1, Number(ref.slice(6))];
  } else if (MONTHS.includes(ref.slice(0, 3))) {
    const day = /(\d{1,2})$/.exec(ref);
    if (!day) return null;
    mo = MONTHS.indexOf(ref.slice(0, 3));
    d = Number(day[1]);
  } else if (WEEKDAYS.includes(ref.slice(0, 3))) {
    const back = (today.getUTCDay() - WEEKDAYS.indexOf(ref.slice(0, 3)) + 7) % 7;
    d -= back;
  } else return null;
  return Date.UTC(y, mo, d, hour, minute);
}

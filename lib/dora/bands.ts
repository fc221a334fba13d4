/**
 * The performance clusters of the 2024 Accelerate State of DevOps report (DORA), per key, as
 * upper limits checked from the best band down. The report's own clusters are not monotonic in
 * change failure rate (high 20%, medium 10%), so that key is banded elite ≤ 5%, high ≤ 20%,
 * low above — a medium rate of 10% reads as high here.
 */
export type PerformanceBand = "elite" | "high" | "medium" | "low";

const HOUR = 1;
const DAY = 24 * HOUR;

export interface KeyBands {
  /** What each band means in the report's words. */
  described: Record<PerformanceBand, string>;
  band: (value: number) => PerformanceBand;
}

export const DORA_BANDS: Record<"deploymentFrequency" | "leadTime" | "changeFailureRate" | "timeToRestore", KeyBands> = {
  // Deploys per day.
  deploymentFrequency: {
    described: { elite: "on demand (several a day)", high: "between once a day and once a week", medium: "between once a week and once a month", low: "less than once a month" },
    band: (perDay) => (perDay >= 1 ? "elite" : perDay >= 1 / 7 ? "high" : perDay >= 1 / 30 ? "medium" : "low"),
  },
  // Hours.
  leadTime: {
    described: { elite: "less than a day", high: "between a day and a week", medium: "between a week and a month", low: "between a month and six months" },
    band: (h) => (h < DAY ? "elite" : h < 7 * DAY ? "high" : h < 30 * DAY ? "medium" : "low"),
  },
  // A share, 0–1.
  changeFailureRate: {
    described: { elite: "5%", high: "20%", medium: "10%", low: "40%" },
    band: (rate) => (rate <= 0.05 ? "elite" : rate <= 0.2 ? "high" : "low"),
  },
  // Hours.
  timeToRestore: {
    described: { elite: "less than an hour", high: "less than a day", medium: "less than a day", low: "between a week and a month" },
    band: (h) => (h < HOUR ? "elite" : h < DAY ? "high" : "low"),
  },
};

/** The band of each key that has a value. */
export function doraBands(f: { deploymentFrequencyPerDay: number | null; leadTimeForChangesHours: number | null; changeFailureRate: number | null; timeToRestoreHours: number | null }) {
  const of = (bands: KeyBands, v: number | null) => (v === null ? null : bands.band(v));
  return {
    deploymentFrequency: of(DORA_BANDS.deploymentFrequency, f.deploymentFrequencyPerDay),
    leadTime: of(DORA_BANDS.leadTime, f.leadTimeForChangesHours),
    changeFailureRate: of(DORA_BANDS.changeFailureRate, f.changeFailureRate),
    timeToRestore: of(DORA_BANDS.timeToRestore, f.timeToRestoreHours),
  };
}

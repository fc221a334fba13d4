/** The periods the Delivery page offers, as relative times the API accepts (`-30d`). */
export const DORA_PERIODS = ["7d", "30d", "90d"] as const;

export type DoraPeriod = (typeof DORA_PERIODS)[number];

/** The minimum failure durations the Delivery page offers, in minutes: a failure restored sooner is a blip. */
export const MIN_FAILURE_CHOICES = ["0", "5", "15", "60"] as const;

/** The periods the Delivery page offers, as relative times the API accepts (`-30d`). */
export const DORA_PERIODS = ["7d", "30d", "90d"] as const;

export type DoraPeriod = (typeof DORA_PERIODS)[number];

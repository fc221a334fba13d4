import { describe, expect, it } from "vitest";
import { problemsFromZod } from "@/lib/http/problem";
import { darkLaunchSampleBatchSchema } from "./schema";

const sample = { ts: 1, method: "GET", path: "/a", primaryStatus: 200, candidateStatus: null, match: false, primaryMs: 1, candidateMs: null, candidateError: "ECONNREFUSED", diff: null };

describe("darkLaunchSampleBatchSchema", () => {
  it("accepts a batch without endpoint or candidate version", () => {
    expect(darkLaunchSampleBatchSchema.parse({ samples: [sample] }).samples[0].endpoint).toBeUndefined();
  });

  it("names each bad field and caps the batch", () => {
    const bad = darkLaunchSampleBatchSchema.safeParse({ samples: [{ ...sample, primaryStatus: 42, match: "yes" }] });
    expect(bad.success || problemsFromZod(bad.error).map((p) => p.where)).toEqual(["samples[0].primaryStatus", "samples[0].match"]);
    expect(darkLaunchSampleBatchSchema.safeParse({ samples: Array(10_001).fill(sample) }).success).toBe(false);
    expect(darkLaunchSampleBatchSchema.safeParse({ samples: [] }).success).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { createNoiseLearner } from "./noise";

describe("createNoiseLearner", () => {
  it("probes the first requests of each endpoint, then a sampled share", () => {
    const rolls = [0.5, 0.05];
    const learner = createNoiseLearner({ sampleRate: 0.1, warmupPerEndpoint: 2, random: () => rolls.shift() ?? 1 });
    expect([1, 2, 3, 4].map(() => learner.shouldProbe("GET /a"))).toEqual([true, true, false, true]);
    expect(learner.shouldProbe("GET /b")).toBe(true);
    expect(learner.probes()).toBe(4);
  });

  it("remembers body fields per endpoint, covering every array item and subfield", () => {
    const learner = createNoiseLearner();
    learner.learn("GET /users/:id", ["$.items[3].ts", "$.meta", "status"]);
    expect(learner.isNoise("GET /users/:id", "$.items[0].ts")).toBe(true);
    expect(learner.isNoise("GET /users/:id", "$.meta.trace.id")).toBe(true);
    expect(learner.isNoise("GET /users/:id", "$.items[0].name")).toBe(false);
    expect(learner.isNoise("GET /users/:id", "$.metadata")).toBe(false);
    expect(learner.isNoise("GET /users/:id", "status")).toBe(false);
    expect(learner.isNoise("GET /orders", "$.meta")).toBe(false);
    expect(learner.fields()).toEqual({ "GET /users/:id": ["$.items[*].ts", "$.meta"] });
  });
});

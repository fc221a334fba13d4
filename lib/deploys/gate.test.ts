import { describe, expect, it } from "vitest";
import { gateDecision } from "./gate";
import { checkPromotion, type PromotionHistoryDeploy } from "./promotion-check";

const order = ["test", "staging", "prod"].map((name, position) => ({ name, position }));
let nextId = 1;
const deploy = (environment: string, startedAt: number, extra: Partial<PromotionHistoryDeploy> = {}): PromotionHistoryDeploy => ({
  id: nextId++,
  environment,
  startedAt,
  status: "succeeded",
  verdictStatus: "healthy",
  ...extra,
});
const gate = (history: PromotionHistoryDeploy[], target = "prod") => gateDecision(checkPromotion(order, history, "1.4", target), "1.4", target);

describe("promotion gate", () => {
  it("opens when the version passed in every lower environment", () => {
    expect(gate([deploy("test", 1), deploy("staging", 2)])).toEqual({ pass: true, reason: "1.4 passed in test, staging before prod", reasons: [] });
  });

  it("stays shut with one reason per lower environment not passed", () => {
    const decision = gate([deploy("test", 1, { status: "failed" })]);
    expect(decision.pass).toBe(false);
    expect(decision.reasons).toEqual(["1.4 did not pass in test (status failed, verdict healthy)", "1.4 was never deployed to staging before prod"]);
  });

  it("counts any passing deploy in an environment, not just the latest", () => {
    expect(gate([deploy("test", 1), deploy("test", 2, { status: "failed" }), deploy("staging", 3)]).pass).toBe(true);
  });

  it("treats failed and degraded verdicts as not passed, pending as passed", () => {
    expect(gate([deploy("test", 1), deploy("staging", 2, { verdictStatus: "degraded" })]).pass).toBe(false);
    expect(gate([deploy("test", 1, { verdictStatus: "failed" }), deploy("staging", 2)]).pass).toBe(false);
    expect(gate([deploy("test", 1, { verdictStatus: "pending" }), deploy("staging", 2, { verdictStatus: "pending" })]).pass).toBe(true);
  });

  it("opens for the first environment, which has nothing below it", () => {
    expect(gate([], "test")).toMatchObject({ pass: true, reason: "test is the first environment: nothing to pass before it" });
  });

  it("knows nothing of an environment outside the order", () => {
    expect(checkPromotion(order, [], "1.4", "qa")).toEqual({ known: false, steps: [], warnings: [] });
  });

  it("reports each lower environment's latest deploy", () => {
    const failed = deploy("test", 5, { status: "failed" });
    const { steps } = checkPromotion(order, [deploy("test", 1), failed], "1.4", "staging");
    expect(steps).toEqual([{ environment: "test", outcome: "passed", deploymentId: failed.id, status: "failed", verdict: "healthy" }]);
  });
});

import { describe, expect, it } from "vitest";
import type { DeploymentRow, RunningVersionRow, VersionChange } from "@/lib/store/types";
import { detectedDeploy } from "./detect-rule";

const MIN = 60_000;
const T = Date.UTC(2026, 0, 1, 12);
const WINDOW = 15 * MIN;
const row = (version: string, since: number, previousVersion: string | null = null): RunningVersionRow => ({
  service: "auth",
  environment: "prod",
  version,
  since,
  lastSeen: since,
  previousVersion,
  driftNotified: null,
});
/** 1.0 ran since an hour ago (after 0.9); now the service reports 1.1. */
const change: VersionChange = { before: row("1.0", T - 60 * MIN, "0.9"), after: row("1.1", T, "1.0") };
const recorded = (startedAt: number, extra: Partial<DeploymentRow> = {}) => ({ id: 1, version: "1.1", status: "succeeded", startedAt, finishedAt: startedAt, ...extra }) as DeploymentRow;
const detect = (deploys: DeploymentRow[], c = change) => detectedDeploy(c, deploys, { windowMs: WINDOW, via: "OTLP (service.version)" });

describe("detectedDeploy", () => {
  it("makes a change nobody recorded a succeeded deploy at the change, saying what reported it", () => {
    expect(detect([])).toEqual({
      service: "auth",
      environment: "prod",
      version: "1.1",
      previousVersion: "1.0",
      kind: "deploy",
      strategy: "all-at-once",
      status: "succeeded",
      startedAt: T,
      finishedAt: T,
      author: "detected",
      description: "Detected: auth reported version 1.1 in prod (was 1.0) through OTLP (service.version); no deploy of it was recorded within 15m either side.",
      source: "detected",
    });
  });

  it("never makes a first report a deploy", () => {
    expect(detect([], { before: undefined, after: row("1.1", T) })).toBeNull();
  });

  it("leaves a change to a recorded deploy that started within the window, either side", () => {
    expect(detect([recorded(T - WINDOW)])).toBeNull();
    expect(detect([recorded(T + WINDOW)])).toBeNull();
    expect(detect([recorded(T - WINDOW - 1)])).not.toBeNull();
  });

  it("leaves a change to a deploy still in progress, or one that finished after the window opened", () => {
    expect(detect([recorded(T - 3 * WINDOW, { status: "in_progress", finishedAt: null })])).toBeNull();
    expect(detect([recorded(T - 3 * WINDOW, { finishedAt: T - WINDOW + 1 })])).toBeNull();
    expect(detect([recorded(T - 3 * WINDOW, { finishedAt: T - WINDOW - 1 })])).not.toBeNull();
  });

  it("counts a deploy it detected before, so repeated reports detect it once", () => {
    expect(detect([recorded(T - MIN, { source: "detected" })])).toBeNull();
  });

  it("takes a return to the previous version within the window for instances on both versions, later for a deploy", () => {
    const back = (at: number) => ({ before: row("1.1", T, "1.0"), after: row("1.0", at, "1.1") });
    expect(detect([], back(T + 5 * MIN))).toBeNull();
    expect(detect([], back(T + WINDOW + 1))).toMatchObject({ version: "1.0", previousVersion: "1.1", startedAt: T + WINDOW + 1 });
    // Another version than the previous one is a deploy however soon it comes.
    expect(detect([], { before: row("1.1", T, "1.0"), after: row("1.2", T + MIN, "1.1") })).toMatchObject({ version: "1.2" });
  });
});

import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it, vi } from "vitest";
import { HelperThread, sharedHelper } from "./helper-thread";

/** A worker from plain JavaScript: doubles numbers, replies with an error to "bad", exits on "die". */
const doubler = () =>
  new Worker(
    `const { parentPort } = require("node:worker_threads");
    parentPort.on("message", ({ id, request }) => {
      if (request === "die") process.exit(3);
      if (request === "bad") parentPort.postMessage({ id, error: "not a number" });
      else parentPort.postMessage({ id, answer: request * 2 });
    });`,
    { eval: true },
  );

afterEach(() => vi.restoreAllMocks());

describe("a helper thread", () => {
  it("answers requests in turn, and an error reply rejects that request alone", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const helper = new HelperThread<number | string, number>(doubler(), "the doubling worker failed");
    expect(await Promise.all([helper.ask(1), helper.ask(20), helper.ask(300)])).toEqual([2, 40, 600]);
    await expect(helper.ask("bad")).rejects.toThrow("not a number");
    expect(await helper.ask(4)).toBe(8);
    expect(helper.alive).toBe(true);
    await helper.ask("die").catch(() => {});
  });

  it("rejects what it owes when its worker dies, logs that once, and is no longer alive", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const helper = new HelperThread<number | string, number>(doubler(), "the doubling worker failed");
    const owed = helper.ask(1);
    await expect(helper.ask("die")).rejects.toThrow(/exited with code 3/);
    expect(await owed).toBe(2);
    expect(helper.alive).toBe(false);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(errors.mock.calls[0][0]).toMatch(/^\[deploylines\] the doubling worker failed: it exited with code 3/);
  });

  it("is shared under its key, and null once it failed to start", () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const key = Symbol("test.helper");
    const start = vi.fn(() => {
      throw new Error("no such file");
    });
    expect(sharedHelper(key, "the test worker failed", start)).toBeNull();
    expect(sharedHelper(key, "the test worker failed", start)).toBeNull();
    expect(start).toHaveBeenCalledTimes(1);
    expect(errors.mock.calls[0][0]).toMatch(/the test worker failed \(it did not start\): no such file/);
  });
});

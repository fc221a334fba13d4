import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it, vi } from "vitest";
import { HelperThread, sharedHelper } from "./helper-thread";

const DOUBLING = { name: "the doubling worker", fallback: "numbers are doubled by hand" };

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
    const helper = new HelperThread<number | string, number>(doubler(), DOUBLING);
    expect(await Promise.all([helper.ask(1), helper.ask(20), helper.ask(300)])).toEqual([2, 40, 600]);
    await expect(helper.ask("bad")).rejects.toThrow("not a number");
    expect(await helper.ask(4)).toBe(8);
    expect(helper.alive).toBe(true);
    await helper.ask("die").catch(() => {});
  });

  it("rejects what it owes when its worker dies, logs that once, and is no longer alive", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const helper = new HelperThread<number | string, number>(doubler(), DOUBLING);
    const owed = helper.ask(1);
    await expect(helper.ask("die")).rejects.toThrow(/exited with code 3/);
    expect(await owed).toBe(2);
    expect(helper.alive).toBe(false);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(errors.mock.calls[0][0]).toBe("[deploylines] the doubling worker failed: it exited with code 3; numbers are doubled by hand");
    // Asked again once dead: rejected at once, not left waiting for a worker that is gone.
    await expect(helper.ask(5)).rejects.toThrow("the doubling worker is no longer running");
  });

  it("rejects a request it cannot send, and owes nothing for it: a script still exits once answered", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploylines-helper-"));
    const script = path.join(dir, "uncloneable.mts");
    fs.writeFileSync(
      script,
      `import { Worker } from "node:worker_threads";
      import { HelperThread } from ${JSON.stringify(path.resolve("lib/workers/helper-thread.ts"))};
      const worker = new Worker(\`require("node:worker_threads").parentPort.on("message", ({ id, request }) => require("node:worker_threads").parentPort.postMessage({ id, answer: request * 2 }));\`, { eval: true });
      const helper = new HelperThread(worker, { name: "w", fallback: "none" });
      const refused = await helper.ask({ f: () => 1 }).then(() => "sent", (error) => error.name);
      console.log(refused, await helper.ask(21));`,
    );
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", script], { timeout: 20_000 });
      expect(stdout.trim()).toBe("DataCloneError 42");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("is shared under its key, and null once it failed to start", () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const key = Symbol("test.helper");
    const start = vi.fn(() => {
      throw new Error("no such file");
    });
    expect(sharedHelper(key, DOUBLING, start)).toBeNull();
    expect(sharedHelper(key, DOUBLING, start)).toBeNull();
    expect(start).toHaveBeenCalledTimes(1);
    expect(errors.mock.calls[0][0]).toBe("[deploylines] the doubling worker did not start: no such file; numbers are doubled by hand");
  });
});

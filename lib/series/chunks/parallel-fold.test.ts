import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { encodeChunk, summarizeChunks, summarizeChunksSharing } from "./codec";
import { foldStreams } from "./mantissa-fold";
import { SHARED_FOLD_MIN_STREAMS, summarizeChunksInParallel } from "./parallel-fold";

const START = Date.UTC(2026, 0, 1);

/** A window's worth of chunks: regular decimal ones of several lengths and exponents, with a float and an irregular one among them. */
function windowChunks(count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, k) => {
    const length = k % 7 === 3 ? 100 + k : 720;
    const ts = Array.from({ length }, (_, i) => START + (k * 720 + i) * 10_000 + (k % 11 === 5 ? i % 3 : 0));
    const values = ts.map((_, i) => (k % 13 === 6 ? Math.sin(i) * 1e6 : Math.round((50 + 40 * Math.sin((k * 720 + i) / 500) + ((i * 7919) % 17) * (k % 3)) * 10 ** (k % 3)) / 10 ** (k % 3)));
    return encodeChunk(ts, values);
  });
}

afterEach(() => vi.restoreAllMocks());

describe("summarizing chunks on two threads", () => {
  it("gives what one thread gives, to the last bit, with the worker thread folding half", async () => {
    const errors = vi.spyOn(console, "error");
    for (const count of [SHARED_FOLD_MIN_STREAMS, 41, 360]) {
      const chunks = windowChunks(count);
      expect(await summarizeChunksInParallel(chunks)).toEqual(summarizeChunks(chunks));
    }
    // The worker answered every time: a failed one is logged, and its half folded here instead.
    expect(errors).not.toHaveBeenCalled();
  });

  it("folds the shared half itself when the other thread fails, and hands it the later half", async () => {
    const chunks = windowChunks(40);
    const shared: number[] = [];
    const failing = async (streams: Parameters<typeof foldStreams>[0]) => {
      shared.push(streams.counts.length);
      throw new Error("worker gone");
    };
    expect(await summarizeChunksSharing(chunks, failing)).toEqual(summarizeChunks(chunks));
    const folding = async (streams: Parameters<typeof foldStreams>[0]) => foldStreams(streams);
    expect(await summarizeChunksSharing(chunks, folding)).toEqual(summarizeChunks(chunks));
    expect(shared[0]).toBeGreaterThan(10);
  });

  it("keeps a script awaiting the worker alive, and lets it exit once answered", async () => {
    // Node exits an await that only an unreferenced worker could settle; an idle worker must not hold the process either.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploylines-fold-"));
    const script = path.join(dir, "await-fold.mts");
    fs.writeFileSync(
      script,
      `import { summarizeChunksInParallel } from ${JSON.stringify(path.resolve("lib/series/chunks/parallel-fold.ts"))};
      import { encodeChunk } from ${JSON.stringify(path.resolve("lib/series/chunks/codec.ts"))};
      const chunks = Array.from({ length: 20 }, (_, k) => encodeChunk(Array.from({ length: 720 }, (_, i) => k * 1e7 + i * 10_000), Array.from({ length: 720 }, (_, i) => i % 17)));
      console.log((await summarizeChunksInParallel(chunks)).count);`,
    );
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", script], { timeout: 20_000 });
      expect(stdout.trim()).toBe("14400");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps a short window, or one of few decimal chunks, on the calling thread", async () => {
    const chunks = windowChunks(SHARED_FOLD_MIN_STREAMS - 1);
    expect(await summarizeChunksInParallel(chunks)).toEqual(summarizeChunks(chunks));
    const floats = Array.from({ length: 40 }, (_, k) => encodeChunk([START + k, START + k + 1], [Math.PI * k, Math.E]));
    const never = vi.fn(async () => new Float64Array());
    expect(await summarizeChunksSharing([...floats, ...chunks.slice(0, 3)], never, SHARED_FOLD_MIN_STREAMS)).toEqual(summarizeChunks([...floats, ...chunks.slice(0, 3)]));
    expect(never).not.toHaveBeenCalled();
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/http/api-error";
import { turnsWhile } from "@/lib/testing/event-loop-turns";
import { isPacked, unpackBatch } from "./packed-batch";
import { OFF_THREAD_PARSE_MIN_BYTES, parseIngestBodyOffThread } from "./parse-off-thread";
import { parseIngestBody } from "./parse-request";

const T = 1_795_000_000_000;

/** A JSON body of `count` points over a labelled series and a plain one, seconds and fractional ms among them. */
function jsonBody(count: number): string {
  const points = Array.from({ length: count }, (_, i) => [i % 3 === 0 ? T / 1000 + i : T + i * 1000 + (i % 7 === 0 ? 0.4 : 0), Math.round(Math.sin(i) * 1e4) / 100]);
  return JSON.stringify({
    series: [
      { metric: "http_server_duration", labels: { route: "/login", status: "200" }, kind: "histogram", unit: "ms", points },
      { metric: "auth.api.latency", points: points.slice(0, 10) },
    ],
  });
}

/** The 400 a parse ended in, as a client sees it; null if it succeeded. */
async function refusal(parse: () => unknown): Promise<{ status: number; message: string; problems: unknown[] } | null> {
  try {
    await parse();
    return null;
  } catch (error) {
    expect(ApiError.is(error)).toBe(true);
    const { status, message, problems } = error as ApiError;
    return { status, message, problems };
  }
}

afterEach(() => vi.restoreAllMocks());

describe("parsing a large ingest body off the event loop", () => {
  it("gives what parseIngestBody gives, JSON and Graphite lines alike, while this thread goes on", async () => {
    const errors = vi.spyOn(console, "error");
    const json = jsonBody(40_000);
    // Thousands of series in one body: their points cross in one buffer, each series taking its own back.
    const lines = Array.from({ length: 5_000 }, (_, i) => `auth.api.requests;route=/x${i % 2_000} ${i} ${T / 1000 + i}`).join("\n");
    for (const [type, body] of [["application/json", json], ["text/plain", lines]] as const) {
      expect(body.length).toBeGreaterThan(OFF_THREAD_PARSE_MIN_BYTES);
      const { turns, result } = await turnsWhile(() => parseIngestBodyOffThread(type, Buffer.from(body)));
      // It comes back packed, for the store to hand on as it is.
      const batch = result.status === "fulfilled" ? result.value : undefined;
      expect(batch && isPacked(batch)).toBe(true);
      expect(batch && isPacked(batch) && unpackBatch(batch)).toEqual(parseIngestBody(type, body));
      expect(turns).toBeGreaterThan(0);
    }
    expect(errors).not.toHaveBeenCalled();
  });

  it("answers a bad large body with the 400 parseIngestBody gives, problems and all", async () => {
    const body = jsonBody(40_000).replace('"auth.api.latency"', '"bad name"').replace("[1795000000,", "[-5,");
    const inline = await refusal(() => parseIngestBody("application/json", body));
    expect(inline).toMatchObject({ status: 400, problems: [{ where: "series[1].metric" }, { where: "series[0].points[0][0]" }] });
    expect(await refusal(() => parseIngestBodyOffThread("application/json", Buffer.from(body)))).toEqual(inline);
    const cut = body.slice(0, 100_000);
    expect(await refusal(() => parseIngestBodyOffThread("application/json", Buffer.from(cut)))).toEqual(await refusal(() => parseIngestBody("application/json", cut)));
  });

  it("parses a small body here, and a large one too when the worker is gone or fails under it", async () => {
    const small = jsonBody(10);
    expect((await turnsWhile(() => parseIngestBodyOffThread("application/json", Buffer.from(small)))).turns).toBe(0);
    const key = Symbol.for("deploylines.parseWorker");
    const holder = globalThis as { [key: symbol]: unknown };
    const worker = holder[key];
    const large = jsonBody(40_000);
    // Gone before the request (failed to start), or failing under it (died, or an error reply).
    for (const gone of [null, { alive: true, ask: () => Promise.reject(new Error("it exited with code 1")) }]) {
      holder[key] = gone;
      try {
        const { turns, result } = await turnsWhile(() => parseIngestBodyOffThread("application/json", Buffer.from(large)));
        expect(result).toEqual({ status: "fulfilled", value: parseIngestBody("application/json", large) });
        expect(turns).toBe(0);
      } finally {
        holder[key] = worker;
      }
    }
  });
});

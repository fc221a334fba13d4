import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "@/lib/store/types";
import { ingestBody } from "./ingest-body";
import { openThrowawaySqlite } from "@/lib/testing/throwaway-stores";
import { ingestStats } from "./stats";

let store: Store;
let dispose: () => Promise<void>;

beforeEach(async () => {
  ({ store, dispose } = await openThrowawaySqlite(() => ({ raw: 0, "1m": 0, "1h": 0 })));
});
afterEach(() => dispose());

describe("ingestBody", () => {
  it("stores a body and counts it under http in the shared stats", async () => {
    const before = ingestStats().snapshot().http;
    const result = await ingestBody(store, "text/plain", Buffer.from("a.b 1 1700000000\na.b 2 1700000010\n"));
    expect(result.points).toBe(2);
    const after = ingestStats().snapshot().http;
    expect(after.accepted - before.accepted).toBe(2);
    expect(after.batches - before.batches).toBe(1);
  });

  it("names the content-type when JSON comes under another, as curl -d sends it", async () => {
    const json = JSON.stringify({ series: [{ metric: "a.b", points: [[1_700_000_000_000, 1]] }] });
    for (const type of ["application/x-www-form-urlencoded", "application/xml"]) {
      await expect(ingestBody(store, type, Buffer.from(json))).rejects.toMatchObject({ status: 400, problems: [{ where: "content-type", message: expect.stringContaining(`content-type is ${type}: send it as application/json`) }] });
    }
    expect((await ingestBody(store, null, Buffer.from(json))).points).toBe(1);
  });

  it("counts every problem of a rejected body as malformed", async () => {
    const before = ingestStats().snapshot().http.malformed;
    await expect(ingestBody(store, "text/plain", Buffer.from("a.b x 1\nc.d 1 2\nbad\n"))).rejects.toThrow(/invalid Graphite lines/);
    const after = ingestStats().snapshot().http;
    expect(after.malformed - before).toBe(2);
    expect(after.recentMalformed.at(-1)?.reason).toMatch(/^line 3: /);
  });
});

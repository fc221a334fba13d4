import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { testPgUrl } from "@/lib/testing/pg-url";
import { createThrowawayDatabase } from "@/lib/testing/throwaway-stores";
import { PgStore } from "./pg-store";

const pgUrl = testPgUrl();
const noCutoffs = () => ({ raw: 0, "1m": 0, "1h": 0 });

/** The plan PostgreSQL picks for `text` when the index is an option at all (a tiny table would otherwise be scanned). */
async function planOf(url: string, text: string, values: unknown[]): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("set enable_seqscan = off");
    const { rows } = await client.query(`explain (format json) ${text}`, values);
    return JSON.stringify(rows[0]["QUERY PLAN"]);
  } finally {
    await client.end();
  }
}

describe.skipIf(!pgUrl)("PgStore metric name paging", () => {
  let database: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let store: PgStore;
  beforeAll(async () => {
    database = await createThrowawayDatabase(pgUrl!);
    store = await PgStore.open(database.url, { cutoffs: noCutoffs });
    await store.ingest({ series: ["a.x", "b.y", "c.z"].map((metric) => ({ metric, points: [[Date.UTC(2025, 0, 1), 1] as [number, number]] })) });
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  it("reads a keyset page from the unique name index, without sorting", async () => {
    const spy = vi.spyOn(pg.Pool.prototype, "query");
    expect(await store.listMetricNames({ after: "a.x", limit: 1 })).toEqual(["b.y"]);
    // drizzle sends (config with the SQL text, parameters).
    const calls = spy.mock.calls as unknown as [{ text: string }, unknown[]][];
    const call = calls.find(([query]) => typeof query === "object" && /from "metrics"/.test(query.text));
    spy.mockRestore();
    const plan = await planOf(database.url, call![0].text, call![1]);
    expect(plan).toMatch(/"Index Name":"[^"]*name[^"]*"/);
    expect(plan).not.toMatch(/"Node Type":"Sort"/);
  });
});

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testPgUrl } from "@/lib/testing/pg-url";
import { copyRows, sqlInteger, sqlIntegers } from "./copy-rows";

const pgUrl = testPgUrl();

describe("SQL literals for COPY", () => {
  it("writes integers and refuses anything else", () => {
    expect(sqlInteger(-5)).toBe("-5");
    expect(sqlInteger(1_796_666_650_000)).toBe("1796666650000");
    for (const bad of [1.5, NaN, Infinity, 2 ** 53]) expect(() => sqlInteger(bad)).toThrow(/not an integer/);
    expect(sqlIntegers([1, 2], "bigint")).toBe("ARRAY[1,2]::bigint[]");
  });
});

describe.skipIf(!pgUrl)("copyRows on PostgreSQL", () => {
  let pool: pg.Pool;
  beforeAll(() => {
    pool = new pg.Pool({ connectionString: pgUrl, max: 1 });
  });
  afterAll(async () => {
    await pool?.end();
  });

  it("reads float8, int4 and bytea fields, NULLs included, across many stream parts", async () => {
    // ~4 MB of rows: the COPY arrives in many socket reads, read back whole.
    const rows = await copyRows(
      pool,
      `SELECT i::float8 / 4, CASE WHEN i % 3 = 0 THEN NULL ELSE i END, CASE WHEN i % 5 = 0 THEN NULL ELSE decode(repeat(lpad(to_hex(i % 256), 2, '0'), i % 700), 'hex') END
       FROM generate_series(1, 12000) AS i`,
    );
    let n = 0;
    const wrong: number[] = [];
    while (rows.nextRow()) {
      n++;
      const [float, int, bytes] = [rows.float8(), rows.int4(), rows.bytes()];
      const intRight = n % 3 === 0 ? Number.isNaN(int) : int === n;
      const bytesRight = n % 5 === 0 ? bytes === null : bytes !== null && bytes.equals(Buffer.alloc(n % 700, n % 256));
      if (float !== n / 4 || !intRight || !bytesRight) wrong.push(n);
    }
    expect(wrong).toEqual([]);
    expect(n).toBe(12000);
  });

  it("reads no rows from an empty result", async () => {
    const rows = await copyRows(pool, "SELECT 1::int WHERE false");
    expect(rows.nextRow()).toBe(false);
  });

  it("rejects a failing statement and leaves the pool working", async () => {
    await expect(copyRows(pool, "SELECT 1 / (i - 3) FROM generate_series(1, 5) AS i")).rejects.toThrow(/division by zero/);
    const rows = await copyRows(pool, "SELECT 7::int");
    expect(rows.nextRow()).toBe(true);
    expect(rows.int4()).toBe(7);
    expect((await pool.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  });

  it("runs on a transaction's client, which stays checked out", async () => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("CREATE TEMP TABLE t (v int) ON COMMIT DROP");
      await client.query("INSERT INTO t VALUES (41), (42)");
      const rows = await copyRows(client, "SELECT v FROM t ORDER BY v");
      const seen: number[] = [];
      while (rows.nextRow()) seen.push(rows.int4());
      expect(seen).toEqual([41, 42]);
      await client.query("COMMIT");
    } finally {
      client.release();
    }
  });
});

import { describe, expect, it } from "vitest";
import { retryOnConflict, StoreBusyError } from "./conflict-retry";

const conflict = (code: string) => Object.assign(new Error("deadlock detected"), { code });

describe("retryOnConflict", () => {
  it("retries deadlocks and serialization failures until the transaction goes through", async () => {
    let calls = 0;
    const result = await retryOnConflict(async () => {
      calls++;
      if (calls === 1) throw conflict("40P01");
      if (calls === 2) throw conflict("40001");
      return "stored";
    }, { baseDelayMs: 1 });
    expect([result, calls]).toEqual(["stored", 3]);
  });

  it("sees a conflict wrapped as drizzle wraps query errors", async () => {
    let calls = 0;
    const result = await retryOnConflict(async () => {
      if (++calls === 1) throw new Error("Failed query: UPDATE …", { cause: conflict("40P01") });
      return "stored";
    }, { baseDelayMs: 1 });
    expect([result, calls]).toEqual(["stored", 2]);
  });

  it("gives up after the bounded attempts with StoreBusyError carrying Retry-After", async () => {
    let calls = 0;
    const failing = retryOnConflict(async () => {
      calls++;
      throw conflict("40P01");
    }, { attempts: 4, baseDelayMs: 1, retryAfterS: 2 });
    await expect(failing).rejects.toBeInstanceOf(StoreBusyError);
    await expect(failing).rejects.toMatchObject({ retryAfterS: 2 });
    expect(calls).toBe(4);
  });

  it("passes other errors through at once", async () => {
    let calls = 0;
    await expect(retryOnConflict(async () => {
      calls++;
      throw conflict("23505");
    })).rejects.toMatchObject({ code: "23505" });
    expect(calls).toBe(1);
  });
});

describe("a route whose write kept conflicting", () => {
  it("answers 503 with Retry-After and says nothing was stored, never a 500", async () => {
    const { apiRoute } = await import("@/lib/http/handler");
    const { NextRequest } = await import("next/server");
    const route = apiRoute(async () => {
      throw new StoreBusyError(2, conflict("40P01"));
    });
    const res = await route(new NextRequest("http://localhost/api/v1/metrics", { method: "POST" }), {});
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
    expect((await res.json()).error).toMatch(/nothing was stored, retry after 2 s/);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testPgUrl } from "@/lib/testing/pg-url";
import { openThrowawayPg, openThrowawaySqlite, type OpenThrowawayStore, type ThrowawayStore } from "@/lib/testing/throwaway-stores";
import { endSession, SESSION_TTL_MS, sessionScope, startSession } from "./sessions";
import { setAcceptedTokens } from "./tokens";

const pgUrl = testPgUrl();
const implementations: [string, OpenThrowawayStore][] = [["sqlite", openThrowawaySqlite]];
if (pgUrl) implementations.push(["postgres", openThrowawayPg(pgUrl)]);
const noCutoffs = () => ({ raw: 0, "1m": 0, "1h": 0 });

describe.each(implementations)("sessions on %s", (_dialect, open) => {
  let handle: ThrowawayStore;
  beforeAll(async () => {
    handle = await open(noCutoffs);
  });
  afterAll(async () => handle?.dispose());
  beforeEach(() => setAcceptedTokens({ admin: ["admin-1"], ingest: ["ingest-1"] }));

  it("gives each sign-in its own random id, stored only as a hash", async () => {
    const a = await startSession(handle.store, "admin-1", "admin");
    const b = await startSession(handle.store, "admin-1", "admin");
    expect(a.id).not.toBe(b.id);
    expect(a.id.length).toBeGreaterThanOrEqual(40);
    expect(await handle.store.getSession(a.id)).toBeUndefined();
    expect(await sessionScope(handle.store, a.id)).toBe("admin");
    expect(await sessionScope(handle.store, b.id)).toBe("admin");
  });

  it("keeps the scope of the token that made it", async () => {
    const s = await startSession(handle.store, "ingest-1", "ingest");
    expect(await sessionScope(handle.store, s.id)).toBe("ingest");
  });

  it("ends at sign-out, and only that session", async () => {
    const a = await startSession(handle.store, "admin-1", "admin");
    const b = await startSession(handle.store, "admin-1", "admin");
    expect(await endSession(handle.store, a.id)).toBe(true);
    expect(await endSession(handle.store, a.id)).toBe(false);
    expect(await sessionScope(handle.store, a.id)).toBeNull();
    expect(await sessionScope(handle.store, b.id)).toBe("admin");
  });

  it("expires, and expired sessions are cleared at the next sign-in", async () => {
    const now = Date.now();
    const old = await startSession(handle.store, "admin-1", "admin", now - SESSION_TTL_MS - 1000);
    expect(await sessionScope(handle.store, old.id, now)).toBeNull();
    expect(await sessionScope(handle.store, old.id, now - SESSION_TTL_MS)).toBe("admin");
    await startSession(handle.store, "admin-1", "admin", now);
    expect(await sessionScope(handle.store, old.id, now - SESSION_TTL_MS)).toBeNull();
  });

  it("stops working when its token is rotated out, and narrows when it is demoted to ingest", async () => {
    const s = await startSession(handle.store, "admin-1", "admin");
    setAcceptedTokens({ admin: ["admin-2"], ingest: ["admin-1"] });
    expect(await sessionScope(handle.store, s.id)).toBe("ingest");
    setAcceptedTokens({ admin: ["admin-2"], ingest: [] });
    expect(await sessionScope(handle.store, s.id)).toBeNull();
    expect(await sessionScope(handle.store, "")).toBeNull();
    expect(await sessionScope(handle.store, "unknown")).toBeNull();
  });
});

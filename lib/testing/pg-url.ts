/**
 * The PostgreSQL server the tests use: DEPLOYLINES_TEST_PG_URL, defaulting to the local one
 * (127.0.0.1:5432, trust auth) so that `npm test` covers both stores. Set it to `off` to run
 * without PostgreSQL; an unreachable server fails the suite rather than skipping it silently.
 */
export function testPgUrl(): string | undefined {
  const url = process.env.DEPLOYLINES_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  return url === "off" ? undefined : url;
}

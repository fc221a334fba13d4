/**
 * A batch that would take the store past its series limit (DEPLOYLINES_MAX_SERIES): refused
 * whole, so a client minting label values (a request id as a label) cannot grow the store without
 * bound. Series that already exist keep taking points.
 */
export class SeriesLimitError extends Error {
  constructor(
    readonly limit: number,
    readonly wouldBe: number,
  ) {
    super(`the store holds at most ${limit} series (DEPLOYLINES_MAX_SERIES) and this batch would make ${wouldBe}; nothing of it was stored — drop high-cardinality labels (ids, timestamps) or raise the limit`);
  }
}

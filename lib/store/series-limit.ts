const BRAND = Symbol.for("deploylines.SeriesLimitError");

/**
 * A batch that would take the store past its series limit (DEPLOYLINES_MAX_SERIES): refused
 * whole, so a client minting label values (a request id as a label) cannot grow the store without
 * bound. Series that already exist keep taking points.
 */
export class SeriesLimitError extends Error {
  readonly [BRAND] = true;

  constructor(
    readonly limit: number,
    readonly wouldBe: number,
  ) {
    super(`the store holds at most ${limit} series (DEPLOYLINES_MAX_SERIES) and this batch would make ${wouldBe}; nothing of it was stored — drop high-cardinality labels (ids, timestamps) or raise the limit`);
  }

  /**
   * Whether `error` is one, by brand rather than `instanceof`: Next.js may load this module once per
   * bundle, and the store (opened by whichever bundle came first) throws another bundle's class.
   */
  static is(error: unknown): error is SeriesLimitError {
    return typeof error === "object" && error !== null && (error as { [BRAND]?: boolean })[BRAND] === true;
  }
}

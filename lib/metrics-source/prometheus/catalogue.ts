import "server-only";
import { compileGlob, isGlob } from "@/lib/metrics/glob";
import { labelKey, type Labels } from "@/lib/series/labels";
import type { LabelMatcher } from "@/lib/series/selector";
import type { MetricListFilter, MetricRow } from "@/lib/store/types";
import type { PromClient } from "./client";
import { familiesOf, seriesKind, type FamilyMetadata } from "./kinds";

/** How far back the catalogue looks for series and names: a 30-day dashboard's worth. */
export const CATALOGUE_LOOKBACK_MS = 30 * 86_400_000;
/** How long the name list and metadata are reused before asking the backend again. */
const CACHE_MS = 30_000;
/** Metric families whose metadata is remembered at most; past it the memory starts over. */
const METADATA_ENTRIES = 10_000;
/** Selectors sent in one `/api/v1/series` request. */
const MATCHERS_PER_REQUEST = 50;

/** A PromQL string literal (Go's escapes are a superset of what JSON.stringify writes). */
export const promString = (value: string) => JSON.stringify(value);

/** `{__name__="x",label op "value",…}`: a PromQL selector for one name and the matchers given. */
export function promSelector(name: string, matchers: readonly Pick<LabelMatcher, "label" | "op" | "value">[] = []): string {
  const parts = [`__name__=${promString(name)}`, ...matchers.map((m) => `${m.label}${m.op}${promString(m.value)}`)];
  return `{${parts.join(",")}}`;
}

/**
 * The backend's series as `MetricRow`s: names, series and metadata read through the Prometheus
 * API and kept for a few seconds, so a dashboard's dozen charts ask once. A row's id is -1: a
 * remote series is addressed by its name and labels.
 */
export class Catalogue {
  private names?: { at: number; names: Promise<string[]> };
  private readonly metadata = new Map<string, { at: number; entry: Promise<FamilyMetadata | undefined> }>();

  constructor(private readonly client: PromClient) {}

  /** Every metric name seen in the lookback, sorted. */
  async allNames(now = Date.now()): Promise<string[]> {
    if (!this.names || now - this.names.at > CACHE_MS) {
      const names = this.client
        .call<string[]>("/api/v1/label/__name__/values", { start: (now - CATALOGUE_LOOKBACK_MS) / 1000, end: now / 1000 })
        .then((list) => [...list].sort());
      names.catch(() => (this.names = undefined));
      this.names = { at: now, names };
    }
    return this.names.names;
  }

  /** A page of names in name order (`prefix`, `after`, `limit`). */
  async pageOfNames(filter: MetricListFilter = {}): Promise<string[]> {
    const names = (await this.allNames()).filter((n) => (!filter.prefix || n.startsWith(filter.prefix)) && (filter.after === undefined || n > filter.after));
    return filter.limit === undefined ? names : names.slice(0, filter.limit);
  }

  /** Names a plain name or glob picks. */
  async namesMatching(pattern: string): Promise<string[]> {
    if (!isGlob(pattern)) return [pattern];
    const glob = compileGlob(pattern);
    return (await this.allNames()).filter((n) => glob.test(n));
  }

  /** The series matching any of the PromQL selectors, as rows in (name, labels) order. */
  async series(selectors: string[], now = Date.now()): Promise<MetricRow[]> {
    const found = new Map<string, Record<string, string>>();
    for (let i = 0; i < selectors.length; i += MATCHERS_PER_REQUEST) {
      const params = { "match[]": selectors.slice(i, i + MATCHERS_PER_REQUEST), start: (now - CATALOGUE_LOOKBACK_MS) / 1000, end: now / 1000 };
      for (const labels of await this.client.call<Record<string, string>[]>("/api/v1/series", params, "POST")) {
        const { __name__: name, ...rest } = labels;
        found.set(`${name}{${labelKey(rest)}}`, labels);
      }
    }
    const rows = await Promise.all([...found.values()].map((labels) => this.row(labels)));
    return rows.sort((x, y) => (x.name === y.name ? (x.labels < y.labels ? -1 : x.labels > y.labels ? 1 : 0) : x.name < y.name ? -1 : 1));
  }

  /** One series' row, its kind and unit from the family's metadata (or its name). */
  async row(all: Record<string, string>): Promise<MetricRow> {
    const { __name__: name, ...labels } = all;
    const meta = await this.familyMetadata(name);
    return {
      id: -1,
      name,
      labels: labelKey(labels as Labels),
      kind: seriesKind(name, labels.le !== undefined, meta),
      unit: meta?.unit ? meta.unit : null,
      firstSeen: 0,
      lastSeen: 0,
      lastTs: 0,
      lastValue: 0,
    };
  }

  /** What `/api/v1/metadata` knows of the name's family, if anything (a backend without metadata answers none). */
  async familyMetadata(name: string, now = Date.now()): Promise<FamilyMetadata | undefined> {
    for (const family of familiesOf(name)) {
      let cached = this.metadata.get(family);
      if (!cached || now - cached.at > CACHE_MS) {
        const entry = this.client
          .call<Record<string, FamilyMetadata[]>>("/api/v1/metadata", { metric: family, limit: 1 })
          .then((data) => data?.[family]?.[0])
          // Metadata is a hint: a backend without the endpoint still has kinds by name.
          .catch(() => undefined);
        cached = { at: now, entry };
        if (this.metadata.size >= METADATA_ENTRIES) this.metadata.clear();
        this.metadata.set(family, cached);
      }
      const meta = await cached.entry;
      if (meta) return meta;
    }
    return undefined;
  }
}

import "server-only";
import { seriesColumns, type AnyBatch } from "@/lib/ingest/packed-batch";
import type { IngestResult } from "@/lib/ingest/schema";
import { extentOf, type Columns } from "@/lib/series/chunks/columns";
import { labelKey, seriesName } from "@/lib/series/labels";
import { hourRows } from "@/lib/series/chunks/hours";
import { appendChunks, planWrite, sealBlocks } from "@/lib/series/chunks/write";
import { RESOLUTION_STEP_MS } from "@/lib/series/retention";
import { rollupPoints } from "@/lib/series/rollup";
import { rollupPlan } from "@/lib/series/rollup-plan";
import { SeriesLimitError } from "../series-limit";
import type { SeriesConnection } from "./connection";
import { rollupValues, runChunked } from "./statements";

interface SeriesRow {
  id: number;
  last_ts: number;
  rolled_until: number;
}

/**
 * Writes a batch's series (creating the new ones), their raw points and their rollups, inside
 * the caller's transaction. `minuteCutoff` is where the 1-minute rollups' retention ends;
 * `maxSeries` is DEPLOYLINES_MAX_SERIES, past which the batch throws SeriesLimitError.
 */
export async function writeBatch({ stmt: s, chunks }: SeriesConnection, batch: AnyBatch, minuteCutoff: number, maxSeries: number): Promise<IngestResult> {
  const now = Date.now();
  const created: string[] = [];
  let total = 0;
  const columns = seriesColumns(batch);
  for (const [index, series] of batch.series.entries()) {
    const points = columns[index];
    const labels = labelKey(series.labels);
    let metric = s.seriesByKey.get(series.metric, labels) as SeriesRow | undefined;
    const { minTs, maxTs, lastValue, increasing } = extentOf(points);
    // Points strictly after everything stored overwrite nothing, so their rollups can be
    // merged in; otherwise the touched hours are recomputed from the minutes below them.
    const appends = increasing && (!metric || minTs > metric.last_ts);
    const lastTsBefore = metric ? metric.last_ts : null;
    if (!metric) {
      // A backfilled metric was first seen at its oldest point, not at the moment of the backfill.
      s.insertMetric.run(series.metric, labels, series.kind ?? "gauge", series.unit ?? null, Math.min(now, minTs), now, maxTs, lastValue);
      metric = s.seriesByKey.get(series.metric, labels) as SeriesRow;
      created.push(seriesName(series.metric, labels));
    } else if (series.kind || series.unit) {
      s.updateMetricKind.run(series.kind ?? null, series.unit ?? null, metric.id);
    }
    const id = metric.id;
    const write = planWrite(points, lastTsBefore);
    runChunked(s.upsertPoints, headRows(id, write.head), 3);
    await sealBlocks(chunks, id, write.chunked);
    await appendChunks(chunks, [{ metricId: id, points: write.appended }]);
    total += points.ts.length;
    const plan = rollupPlan(points, appends, minuteCutoff, metric.rolled_until);
    // Minutes first: the hours are rebuilt from them.
    for (const resolution of ["1m", "1h"] as const) {
      const { merge, recompute } = plan[resolution];
      if (merge.ts.length > 0) runChunked(s.mergeRollup[resolution], rollupValues(id, rollupPoints(merge, RESOLUTION_STEP_MS[resolution])), 8);
      if (recompute) runChunked(s.replaceHours, rollupValues(id, await hourRows(chunks, id, recompute.from, recompute.to)), 8);
    }
    s.touchMetric.run({ now, ts: maxTs, value: lastValue, id });
  }
  if (created.length > 0 && Number.isFinite(maxSeries)) {
    // Counted only when the batch made series; thrown inside the transaction, so it rolls back whole.
    const count = s.countSeries.get() as number;
    if (count > maxSeries) throw new SeriesLimitError(maxSeries, count);
  }
  return { series: batch.series.length, points: total, created };
}

/** Head points laid out flat for the multi-row upsert: metric id, ts, value per row. */
function headRows(id: number, { ts, values }: Columns): number[] {
  const out: number[] = new Array(3 * ts.length);
  for (let i = 0; i < ts.length; i++) {
    out[3 * i] = id;
    out[3 * i + 1] = ts[i];
    out[3 * i + 2] = values[i];
  }
  return out;
}

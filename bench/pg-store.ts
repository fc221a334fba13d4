// Ingest and series-read figures of PgStore on a throwaway database:
//   DEPLOYLINES_TEST_PG_URL=postgres://… npx tsx --conditions=react-server bench/pg-store.ts
import { DEFAULT_RETENTION, retentionCutoffs } from "@/lib/series/retention";
import { PgStore } from "@/lib/store/pg/pg-store";
import { createThrowawayDatabase } from "@/lib/testing/throwaway-stores";

const TOTAL = 1_000_000;
const BATCH = 50_000;
const STEP = 10_000;
const DAY = 86_400_000;

async function main() {
  const baseUrl = process.env.DEPLOYLINES_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const database = await createThrowawayDatabase(baseUrl);
  const now = Date.now();
  const start = Math.floor((now - 30 * DAY) / STEP) * STEP;
  const store = await PgStore.open(database.url, { cutoffs: () => retentionCutoffs(DEFAULT_RETENTION, now) });
  try {
    // One 10-s metric over 30 days (259,200 points), the rest spread over 4 more metrics.
    let written = 0;
    const began = performance.now();
    while (written < TOTAL) {
      const metric = `bench.m${Math.floor(written / 259_200)}`;
      const offset = written % 259_200;
      const size = Math.min(BATCH, TOTAL - written, 259_200 - offset);
      const points = Array.from({ length: size }, (_, i): [number, number] => [start + (offset + i) * STEP, Math.sin((offset + i) / 500) * 100]);
      await store.ingest({ series: [{ metric, points }] });
      written += size;
    }
    const seconds = (performance.now() - began) / 1000;
    console.log(`ingest: ${TOTAL} points in ${seconds.toFixed(2)} s = ${Math.round(TOTAL / seconds)} points/s`);

    const id = (await store.getMetric("bench.m0"))!.id;
    const timings: number[] = [];
    let resolution = "";
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      resolution = (await store.readSeries(id, start, start + 30 * DAY, 1000)).resolution;
      timings.push(performance.now() - t);
    }
    timings.sort((a, b) => a - b);
    console.log(`readSeries 30 d of a 10-s metric, maxPoints 1000 (${resolution}): median ${timings[5].toFixed(1)} ms, max ${timings[9].toFixed(1)} ms`);
    const rawTimings: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await store.readSeries(id, start + 29 * DAY, start + 30 * DAY, 1000);
      rawTimings.push(performance.now() - t);
    }
    console.log(`readSeries last day (8,640 points → 1000): median ${rawTimings.sort((a, b) => a - b)[2].toFixed(1)} ms`);
  } finally {
    await store.close();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

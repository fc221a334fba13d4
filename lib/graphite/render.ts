import "server-only";
import { badRequest } from "@/lib/http/api-error";
import { currentRetention } from "@/lib/series/retention-policy";
import { retentionCutoffs } from "@/lib/series/retention";
import type { Store } from "@/lib/store/types";
import { parseGraphiteTime } from "./at-time";
import { evaluate, RENDER_LIMITS, type RenderContext } from "./evaluate";
import { sourceFor } from "./read-metric";
import { consolidate } from "./series";
import { parseTarget, TargetSyntaxError } from "./target-parser";

/** graphite-web's `format=json` render answer: one entry per series, datapoints `[value, epochSeconds]`. */
export interface RenderedSeries {
  target: string;
  tags: { name: string };
  datapoints: [number | null, number][];
}

export const MAX_TARGETS = 32;
export const MAX_DATA_POINTS = 10_000;
const BASE_STEP_S: Record<ReturnType<typeof sourceFor>, number> = { raw: 10, "1m": 60, "1h": 3600 };

/**
 * Answers a Graphite render request (graphite-web docs/render_api.rst): `target` (repeatable), `from`
 * and `until` in Graphite's time formats (default the last day), `format=json`, `maxDataPoints`.
 * The step is chosen so that no series has more than maxDataPoints values (10,000 at most): 10 s
 * over raw points, else whole minutes or hours over the rollups; empty intervals are nulls.
 */
export async function renderTargets(store: Store, params: URLSearchParams, now = Date.now()): Promise<RenderedSeries[]> {
  const format = params.get("format") ?? "json";
  if (format !== "json") throw badRequest(`format=${format} is not served: deploylines answers format=json`);
  const targets = params.getAll("target").filter((t) => t.trim() !== "");
  if (targets.length > MAX_TARGETS) throw badRequest(`more than ${MAX_TARGETS} targets in one request`);
  const from = timeParam(params, "from", now - 86_400_000, now);
  const until = timeParam(params, "until", now, now);
  if (from >= until) throw badRequest(`from (${new Date(from).toISOString()}) must be before until (${new Date(until).toISOString()})`);
  const rawMax = params.get("maxDataPoints");
  const maxDataPoints = rawMax === null || rawMax === "" ? MAX_DATA_POINTS : Number(rawMax);
  if (!Number.isInteger(maxDataPoints) || maxDataPoints < 1) throw badRequest(`maxDataPoints must be a positive integer, got "${rawMax}"`);
  const maxPoints = Math.min(maxDataPoints, MAX_DATA_POINTS);

  const trees = targets.map((target, i) => {
    try {
      return parseTarget(target);
    } catch (error) {
      if (error instanceof TargetSyntaxError) throw badRequest(`target ${i + 1} is not a valid Graphite expression: ${error.message}`, [{ where: `target[${i}]`, message: error.message }]);
      throw error;
    }
  });

  const cutoffs = retentionCutoffs(currentRetention(), now);
  const fromS = Math.floor(from / 1000);
  const untilS = Math.floor(until / 1000);
  const step = stepFor(fromS, untilS, maxPoints, cutoffs);
  // As graphite-web reads whisper: `from` is exclusive, so the first interval starts at the step
  // boundary after it, and the last is the one holding `until` ((until - from) / step values).
  const start = Math.floor(fromS / step) * step + step;
  const end = Math.floor(untilS / step) * step + step;
  const ctx: RenderContext = { store, start, end, step, cutoffs, deadline: now + RENDER_LIMITS.timeMs, spent: { series: 0, rows: 0 } };
  const out: RenderedSeries[] = [];
  for (const tree of trees) {
    for (const series of await evaluate(tree, ctx)) {
      const fitted = consolidate(series, Math.ceil(series.values.length / maxPoints));
      out.push({
        target: fitted.name,
        tags: { name: fitted.tagName },
        datapoints: fitted.values.map((v, i) => [v !== null && Number.isFinite(v) ? v : null, fitted.start + i * fitted.step]),
      });
    }
  }
  return out;
}

function stepFor(fromS: number, untilS: number, maxPoints: number, cutoffs: RenderContext["cutoffs"]): number {
  const base = BASE_STEP_S[sourceFor(fromS * 1000, 0, cutoffs)];
  let step = base * Math.ceil((untilS - fromS) / base / maxPoints);
  // Whole minutes or hours, so that each interval holds whole rollup rows.
  if (step >= 3600) step = Math.ceil(step / 3600) * 3600;
  else if (step >= 60) step = Math.ceil(step / 60) * 60;
  return Math.max(step, base);
}

function timeParam(params: URLSearchParams, name: string, fallback: number, now: number): number {
  const raw = params.get(name);
  if (raw === null || raw.trim() === "") return fallback;
  const parsed = parseGraphiteTime(raw, now);
  if (parsed === null) throw badRequest(`${name}="${raw}" is not a Graphite time: use -6h, -1d, now, epoch seconds or HH:MM_YYYYMMDD`, [{ where: name, message: `got "${raw}"` }]);
  return parsed;
}

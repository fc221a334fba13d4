import "server-only";
import { ApiError, badRequest } from "@/lib/http/api-error";
import { matchMetrics, readSlot, yieldToEventLoop } from "@/lib/series/read-series";
import { RESOLUTION_STEP_MS } from "@/lib/series/retention";
import type { Resolution, Store } from "@/lib/store/types";
import { aliasSub } from "./alias-sub";
import { alias, aliasByNode, combineSeries, MAX_FUNCTION_POINTS, movingAverage, movingWindowPreview, scale, summarize } from "./functions";
import { readMetricSeries, sourceFor } from "./read-metric";
import type { GraphiteSeries } from "./series";
import type { TargetNode } from "./target-parser";

/** What one render request may cost, whatever its targets. */
export const RENDER_LIMITS = { seriesPerPath: 200, seriesPerRequest: 1000, rowsPerRequest: 5_000_000, timeMs: 10_000 };

export interface RenderContext {
  store: Store;
  /** Epoch seconds, aligned to `step`. */
  start: number;
  /** Epoch seconds (exclusive). */
  end: number;
  step: number;
  cutoffs: Record<Resolution, number>;
  deadline: number;
  spent: { series: number; rows: number };
}

export const FUNCTIONS = ["sumSeries", "sum", "averageSeries", "avg", "scale", "alias", "aliasByNode", "aliasSub", "summarize", "movingAverage"];

/** Evaluates a parsed target to its series list, within the request's limits; bad arguments are 400s. */
export async function evaluate(node: TargetNode, ctx: RenderContext): Promise<GraphiteSeries[]> {
  if (node.type === "path") return fetchPath(node.path, ctx);
  if (node.type !== "call") throw badRequest(`a target must be a metric path or a function call, not ${describe(node)}`);
  const { name, args, kwargs } = node;
  const arg = (i: number, key: string) => args[i] ?? kwargs[key];
  const list = async (i: number, key = "seriesList") => {
    const a = arg(i, key);
    if (!a) throw badRequest(`${name}: missing argument ${i + 1} (${key})`);
    return evaluate(a, ctx);
  };
  switch (name) {
    case "sumSeries":
    case "sum":
    case "averageSeries":
    case "avg": {
      const lists = [];
      for (const a of args) lists.push(await evaluate(a, ctx));
      return combineSeries(name.startsWith("sum") ? "sum" : "average", lists);
    }
    case "scale":
      return scale(await list(0), numberArg(name, arg(1, "factor"), "factor"));
    case "alias":
      return alias(await list(0), stringArg(name, arg(1, "newName"), "newName"));
    case "aliasSub":
      return aliasSub(await list(0), stringArg(name, arg(1, "search"), "search"), stringArg(name, arg(2, "replace"), "replace"));
    case "aliasByNode": {
      const nodes = args.slice(1).map((a, i) => integerArg(name, a, `node ${i + 1}`));
      if (nodes.length === 0) throw badRequest("aliasByNode: give at least one node index");
      return aliasByNode(await list(0), nodes);
    }
    case "summarize": {
      const func = arg(2, "func");
      const align = arg(3, "alignToFrom");
      if (align && align.type !== "boolean") throw badRequest("summarize: alignToFrom must be true or false");
      return summarize(await list(0), stringArg(name, arg(1, "intervalString"), "intervalString"), func ? stringArg(name, func, "func") : "sum", align?.type === "boolean" && align.value);
    }
    case "movingAverage": {
      const size = arg(1, "windowSize");
      const windowSize = size?.type === "string" ? size.value : integerArg(name, size, "windowSize");
      if (typeof windowSize === "number" && windowSize <= 0) throw badRequest("movingAverage: windowSize must be positive");
      const xff = arg(2, "xFilesFactor");
      const preview = movingWindowPreview(windowSize, ctx.step);
      if (preview > ctx.end - ctx.start + 366 * 86_400) throw badRequest("movingAverage: the window is longer than the range plus a year");
      // Checked before reading: the preview is read and built at the request's step.
      const previewPoints = Math.ceil(preview / ctx.step);
      if (previewPoints > MAX_FUNCTION_POINTS) throw badRequest(`movingAverage: the window holds ${previewPoints.toLocaleString("en")} points, more than ${MAX_FUNCTION_POINTS.toLocaleString("en")}: use a smaller window or a longer range (a coarser step)`);
      // graphite-web evaluates the series again from earlier, so the first points have a whole window.
      const earlier = { ...ctx, start: ctx.start - Math.ceil(preview / ctx.step) * ctx.step };
      const first = arg(0, "seriesList");
      if (!first) throw badRequest("movingAverage: missing argument 1 (seriesList)");
      return movingAverage(await evaluate(first, earlier), windowSize, preview, xff ? numberArg(name, xff, "xFilesFactor") : 0);
    }
    default:
      throw badRequest(`unknown function ${name}; deploylines serves ${FUNCTIONS.join(", ")}`);
  }
}

async function fetchPath(path: string, ctx: RenderContext): Promise<GraphiteSeries[]> {
  if (path.length > 500) throw badRequest(`metric path "${path.slice(0, 40)}…" is longer than 500 characters`);
  const { metrics, total } = await matchMetrics(ctx.store, path, "target", RENDER_LIMITS.seriesPerPath, { unlabelledOnly: true });
  if (total > RENDER_LIMITS.seriesPerPath) throw badRequest(`"${path}" matches ${total} series, more than ${RENDER_LIMITS.seriesPerPath}: narrow the glob`);
  const out: GraphiteSeries[] = [];
  const count = Math.max(0, Math.ceil((ctx.end - ctx.start) / ctx.step));
  // Rollup rows are one per minute or hour, so their cost is known before reading: refuse at once.
  const source = sourceFor(ctx.start * 1000, ctx.step * 1000, ctx.cutoffs);
  if (source !== "raw") {
    const rows = metrics.length * Math.ceil((count * ctx.step * 1000) / RESOLUTION_STEP_MS[source]);
    if (ctx.spent.rows + rows > RENDER_LIMITS.rowsPerRequest) throw badRequest(tooManyRows);
  }
  // Large reads take turns with the series API's (one at a time), so renders cannot starve ingest.
  const slot = await readSlot(metrics.length * count);
  try {
    for (const metric of metrics) {
      if (++ctx.spent.series > RENDER_LIMITS.seriesPerRequest) throw badRequest(`the targets read more than ${RENDER_LIMITS.seriesPerRequest} series`);
      if (Date.now() > ctx.deadline) throw new ApiError(503, `render took longer than ${RENDER_LIMITS.timeMs / 1000} s: narrow the range or the globs`);
      // One row past the budget is enough to know it is spent.
      const maxRows = RENDER_LIMITS.rowsPerRequest - ctx.spent.rows + 1;
      const { series, rows } = await readMetricSeries(ctx.store, metric, { start: ctx.start, step: ctx.step, count, pathExpression: path }, ctx.cutoffs, maxRows);
      ctx.spent.rows += rows;
      if (ctx.spent.rows > RENDER_LIMITS.rowsPerRequest) throw badRequest(tooManyRows);
      out.push(series);
      await yieldToEventLoop();
    }
  } finally {
    slot.release();
  }
  return out;
}

const tooManyRows = `the targets read more than ${RENDER_LIMITS.rowsPerRequest.toLocaleString("en")} stored points: ask for fewer series or a shorter range`;

function describe(node: TargetNode): string {
  return node.type === "string" ? `the string "${node.value}"` : node.type === "number" ? `the number ${node.value}` : String(node.type);
}

function numberArg(fn: string, node: TargetNode | undefined, what: string): number {
  if (node?.type !== "number") throw badRequest(`${fn}: ${what} must be a number`);
  return node.value;
}

function integerArg(fn: string, node: TargetNode | undefined, what: string): number {
  const value = numberArg(fn, node, what);
  if (!Number.isInteger(value)) throw badRequest(`${fn}: ${what} must be an integer`);
  return value;
}

function stringArg(fn: string, node: TargetNode | undefined, what: string): string {
  if (node?.type !== "string") throw badRequest(`${fn}: ${what} must be a quoted string`);
  return node.value;
}

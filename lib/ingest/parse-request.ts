import { badRequest } from "@/lib/http/api-error";
import { problemsFromZod, type Problem } from "@/lib/http/problem";
import { parseGraphiteText } from "./graphite";
import { MAX_POINTS_PER_REQUEST, seriesBatchSchema, type IngestBatch } from "./schema";
import { readPoints } from "./points";
import { linesToBatch } from "./to-batch";

/**
 * Parses a `POST /api/v1/metrics` body — JSON series or Graphite plaintext lines, told apart
 * by content type (or, without one, by a leading `{`) — into a batch. Any bad item rejects the
 * whole batch with a 400 naming every problem, so nothing of it is stored.
 */
export function parseIngestBody(contentType: string | null, body: string, now = Date.now()): IngestBatch {
  const json = isJsonBody(contentType, body);
  // No Graphite line starts with `{`: such a body is JSON sent under another type (curl -d sends form data's).
  if (!json && body.trimStart().startsWith("{")) {
    const message = `the body is JSON but its content-type is ${contentType}: send it as application/json (Graphite lines as text/plain)`;
    throw badRequest(message, [{ where: "content-type", message }]);
  }
  const batch = json ? parseJson(body) : parseText(body, now);
  const points = batch.series.reduce((n, s) => n + s.points.length, 0);
  if (points > MAX_POINTS_PER_REQUEST) {
    throw badRequest(`too many points in one request: ${points} (at most ${MAX_POINTS_PER_REQUEST}); split the batch`);
  }
  return batch;
}

/** Whether a body is JSON: by its content type, or without one by a leading `{`. */
export function isJsonBody(contentType: string | null, body: string | Uint8Array): boolean {
  if (contentType) return contentType.includes("json");
  if (typeof body === "string") return body.trimStart().startsWith("{");
  // Bytes: past ASCII whitespace only; a body that starts otherwise is decided on its text.
  const first = body.findIndex((byte) => byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09);
  return first >= 0 && body[first] === 0x7b;
}

function parseJson(body: string): IngestBatch {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw badRequest("body is not valid JSON", [{ where: "body", message: (error as Error).message }]);
  }
  const parsed = seriesBatchSchema.safeParse(json);
  // Points are checked even when the envelope is bad, so one answer names every problem.
  const pointProblems: Problem[] = [];
  const rawSeries = (json as { series?: unknown })?.series;
  const points = Array.isArray(rawSeries)
    ? rawSeries.map((s, i) => (Array.isArray(s?.points) ? readPoints(s.points, `series[${i}].points`, pointProblems) : []))
    : [];
  if (!parsed.success || pointProblems.length > 0) {
    const problems = [...(parsed.success ? [] : problemsFromZod(parsed.error)), ...pointProblems];
    throw badRequest("invalid metrics batch; nothing was stored", problems);
  }
  return { series: parsed.data.series.map((s, i) => ({ metric: s.metric, labels: s.labels, kind: s.kind, unit: s.unit, points: points[i] })) };
}

function parseText(body: string, now: number): IngestBatch {
  const { lines, problems } = parseGraphiteText(body, now);
  if (problems.length > 0) throw badRequest("invalid Graphite lines; nothing was stored", problems.slice(0, 100));
  if (lines.length === 0) throw badRequest("no metrics in the body", [{ where: "body", message: "send `name value unix_seconds` lines or JSON series" }]);
  return linesToBatch(lines);
}

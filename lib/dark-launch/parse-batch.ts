import "server-only";
import { z } from "zod";
import { badRequest } from "@/lib/http/api-error";
import { parseJsonBody } from "@/lib/http/handler";
import { problemsFromZod } from "@/lib/http/problem";
import { darkLaunchSampleBatchSchema, type DarkLaunchSampleBatch } from "./schema";

/**
 * Reads a batch of samples, or throws a 400 that names the index of every bad sample (the
 * reporter logs it and a person finds the culprit), with the problem of each field. A body over
 * `limit` bytes is a 413, refused while it streams in.
 */
export async function parseSampleBatch(req: Request, limit: number): Promise<DarkLaunchSampleBatch> {
  const body = await parseJsonBody(req, z.unknown(), limit);
  const parsed = darkLaunchSampleBatchSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const indexes = [...new Set(parsed.error.issues.filter((i) => i.path[0] === "samples" && typeof i.path[1] === "number").map((i) => i.path[1] as number))];
  const what = indexes.length > 0 ? `invalid sample${indexes.length > 1 ? "s" : ""} at index ${indexes.sort((a, b) => a - b).join(", ")}` : "invalid batch";
  throw badRequest(`${what}: nothing of this batch was stored`, problemsFromZod(parsed.error));
}

import { z } from "zod";
import { MAX_TIMESTAMP_MS } from "@/lib/time/parse-time";

const tagsSchema = z.union([z.string(), z.array(z.string())]);

/** Graphite's events API body: `what` a title, `tags`, `when` in unix seconds (default now), `data` free text. */
export const graphiteEventSchema = z.object({
  what: z.string().max(1000).optional(),
  tags: tagsSchema,
  when: z.union([z.number(), z.string()]).optional(),
  data: z.string().max(10_000).optional(),
});

const epochMsSchema = z.number().int().min(0).lt(MAX_TIMESTAMP_MS, "epoch milliseconds before year 2286");

/** Grafana's annotations API body: times in epoch ms, `text` the description. */
export const grafanaAnnotationSchema = z.object({
  time: epochMsSchema.optional(),
  timeEnd: epochMsSchema.optional(),
  tags: z.array(z.string()).default([]),
  text: z.string().max(10_000).optional(),
  dashboardUID: z.string().optional(),
  dashboardId: z.number().optional(),
  panelId: z.number().optional(),
});

export type GraphiteEvent = z.infer<typeof graphiteEventSchema>;
export type GrafanaAnnotation = z.infer<typeof grafanaAnnotationSchema>;

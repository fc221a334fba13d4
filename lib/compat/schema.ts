import { z } from "zod";

const tagsSchema = z.union([z.string(), z.array(z.string())]);

/** Graphite's events API body: `what` a title, `tags`, `when` in unix seconds (default now), `data` free text. */
export const graphiteEventSchema = z.object({
  what: z.string().max(1000).optional(),
  tags: tagsSchema,
  when: z.union([z.number(), z.string()]).optional(),
  data: z.string().max(10_000).optional(),
});

/** Grafana's annotations API body: times in epoch ms, `text` the description. */
export const grafanaAnnotationSchema = z.object({
  time: z.number().optional(),
  timeEnd: z.number().optional(),
  tags: z.array(z.string()).default([]),
  text: z.string().max(10_000).optional(),
  dashboardUID: z.string().optional(),
  dashboardId: z.number().optional(),
  panelId: z.number().optional(),
});

export type GraphiteEvent = z.infer<typeof graphiteEventSchema>;
export type GrafanaAnnotation = z.infer<typeof grafanaAnnotationSchema>;

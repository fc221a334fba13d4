import { z } from "zod";
import { nameSchema } from "@/lib/deploys/schema";
import { NOTIFICATION_EVENTS, notificationEventSchema } from "./events";

export const webhookFormatSchema = z.enum(["json", "slack"], { error: 'format must be "json" (signed generic payload) or "slack" (incoming webhook)' });

/** `POST /api/v1/webhooks`: a receiver for one service's events, or every service's when `service` is left out. */
export const webhookInputSchema = z.strictObject({
  service: nameSchema.nullish(),
  url: z
    .url({ error: "url must be an absolute URL" })
    .max(2000)
    .refine((u) => /^https?:\/\//i.test(u), { message: "url must be http or https" }),
  format: webhookFormatSchema.default("json"),
  events: z.array(notificationEventSchema).min(1, "events must name at least one event").max(NOTIFICATION_EVENTS.length).default([...NOTIFICATION_EVENTS]),
});

export type WebhookInput = z.infer<typeof webhookInputSchema>;

import { z } from "zod";

/** What a webhook can be told about. */
export const NOTIFICATION_EVENTS = ["verdict.failed", "verdict.degraded", "verdict.inconclusive", "rollback.recorded", "dark_launch.readiness", "version.drift"] as const;
export const notificationEventSchema = z.enum(NOTIFICATION_EVENTS, { error: `event must be one of ${NOTIFICATION_EVENTS.join(", ")}` });
export type NotificationEvent = z.infer<typeof notificationEventSchema>;

/** The generic JSON body every receiver gets (the Slack format wraps `text`). */
export interface Notification {
  event: NotificationEvent;
  service: string;
  at: number;
  /** One line a person reads, e.g. `auth 2.4.1 in prod: verdict failed (errors max 3 is not below 1)`. */
  text: string;
  /** The page that explains it, absolute when DEPLOYLINES_PUBLIC_URL is set. */
  url: string;
  deployment?: { id: number; environment: string; version: string; previousVersion: string | null; verdict: string };
  darkLaunch?: { candidateVersion: string | null; readiness: string; previous: string | null };
  drift?: { environment: string; running: string; deployed: string; deploymentId: number; driftSince: number };
}

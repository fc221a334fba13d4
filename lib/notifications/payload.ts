import type { Notification } from "./events";

const COLORS: Record<string, string> = {
  "verdict.failed": "#dc2626",
  "verdict.degraded": "#d97706",
  "verdict.inconclusive": "#7c3aed",
  "rollback.recorded": "#ea580c",
  "dark_launch.readiness": "#0891b2",
  "version.drift": "#be123c",
};

/** The body sent to a receiver: the notification itself, or a Slack incoming-webhook message. */
export function deliveryBody(format: string, notification: Notification): string {
  if (format !== "slack") return JSON.stringify(notification);
  return JSON.stringify({
    text: `${notification.text} <${notification.url}|details>`,
    attachments: [{ color: COLORS[notification.event] ?? "#64748b", fields: [{ title: "event", value: notification.event, short: true }, { title: "service", value: notification.service, short: true }] }],
  });
}

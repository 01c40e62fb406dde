// Notifications as the console shows them: where each one leads, and the words for its type.
import type { paths } from "@/api/generated/notification-service";
import { humanize } from "@/lib/words";

export type NotificationPage = paths["/notifications/"]["get"]["responses"][200]["content"]["application/json"];
export type Notification = NotificationPage["items"][number];
export type NotificationCursor = NonNullable<NotificationPage["next_cursor"]>;

/** The page a notification is about: the task for staff when it names one, else the ticket. */
export function notificationLink(n: Pick<Notification, "related_ticket_number" | "metadata">, userType: string): string | null {
  const meta = (n.metadata ?? {}) as Record<string, unknown>;
  const task = typeof meta.task_id === "number" ? meta.task_id : typeof meta.task_id === "string" && /^\d+$/.test(meta.task_id) ? Number(meta.task_id) : null;
  if (userType === "staff" && task !== null) return `/tasks/${task}`;
  if (n.related_ticket_number) return `/tickets/${encodeURIComponent(n.related_ticket_number)}`;
  return null;
}

const TYPE_WORDS: Record<string, string> = {
  task_assignment: "Task assigned",
  task_transfer_in: "Task transferred to you",
  task_transfer_out: "Task transferred away",
  task_escalation_in: "Escalated to you",
  task_escalation_out: "Escalated away",
  task_completed: "Task completed",
  workflow_step_change: "Step changed",
  sla_warning: "SLA warning",
  sla_breach: "SLA breached",
  ticket_status: "Ticket status",
  comment_added: "New comment",
  mention: "Mentioned you",
  system: "System",
  ticket_received: "Ticket received",
  ticket_pending: "Ticket waiting for you",
  ticket_resolved: "Ticket resolved",
  task_withdrawn: "Ticket withdrawn",
};

export function typeWords(type: string): string {
  return TYPE_WORDS[type] ?? humanize(type);
}

/** The socket's frames (`/ws/notifications/`). */
export type NotificationFrame =
  | { type: "unread_count"; count: number }
  | { type: "notification.created"; notification: Notification };

export function notificationFrameOf(frame: unknown): NotificationFrame | null {
  const f = frame as { type?: unknown; count?: unknown; notification?: unknown } | null;
  if (f?.type === "unread_count" && typeof f.count === "number") return f as NotificationFrame;
  if (f?.type === "notification.created" && typeof f.notification === "object" && f.notification !== null) {
    return f as NotificationFrame;
  }
  return null;
}

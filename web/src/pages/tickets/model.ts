// The requester's tickets as the ticket service holds them.
import type { paths } from "@/api/generated/ticket-service";

export type TicketListPage = paths["/tickets/"]["get"]["responses"][200]["content"]["application/json"];
export type TicketRow = TicketListPage["items"][number];
export type TicketListQuery = NonNullable<paths["/tickets/"]["get"]["parameters"]["query"]>;
export type TicketCursor = NonNullable<TicketListPage["next_cursor"]>;

export const TICKET_STATUSES = ["New", "Open", "In Progress", "On Hold", "Pending", "Resolved", "Rejected", "Withdrawn", "Closed"] as const;
export const TICKET_PRIORITIES = ["Low", "Medium", "High", "Critical"] as const;

/** A requester may withdraw their ticket while nobody has started on it. */
export function canWithdraw(status: string): boolean {
  return status === "New" || status === "Open";
}

/** A new form's idempotency key: one per form, so a double click or a retry makes one ticket. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return `ticket-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Distinct non-empty values, sorted, for a field's suggestions. */
export function suggestionsOf(values: (string | null | undefined)[]): string[] {
  return [...new Set(values.map((v) => v?.trim()).filter((v): v is string => !!v))].sort((a, b) => a.localeCompare(b));
}

import { Badge } from "@mantine/core";
import { humanize } from "@/lib/words";

const PRIORITY_COLOR: Record<string, string> = {
  Critical: "red",
  Urgent: "red",
  High: "orange",
  Medium: "blue",
  Low: "gray",
};

export function PriorityBadge({ priority }: { priority: string }) {
  return (
    <Badge color={PRIORITY_COLOR[priority] ?? "gray"} variant="light" radius="sm">
      {priority}
    </Badge>
  );
}

const STATUS_COLOR: Record<string, string> = {
  new: "blue",
  in_progress: "indigo",
  resolved: "teal",
  escalated: "grape",
  reassigned: "gray",
  breached: "red",
  withdrawn: "gray",
  active: "blue",
  completed: "teal",
  Resolved: "teal",
  Closed: "gray",
  Withdrawn: "gray",
  Rejected: "red",
  "On Hold": "yellow",
  Pending: "yellow",
  "In Progress": "indigo",
  Open: "blue",
  New: "blue",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge color={STATUS_COLOR[status] ?? "gray"} variant="outline" radius="sm">
      {humanize(status)}
    </Badge>
  );
}

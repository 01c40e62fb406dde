// My work's pure logic: fetching every page, filtering and sorting the rows.
import { api, unwrap } from "@/api/clients";
import type { WorkItem } from "@/api/types";
import { priorityRank } from "@/lib/words";

export type WorkStatus = "active" | "done" | "all";
export type SortKey = "due" | "priority" | "ticket" | "subject" | "step" | "assigned" | "workflow";
export type SortDirection = "asc" | "desc";

export interface WorkFilters {
  status: WorkStatus;
  priority: string | null;
  workflow: number | null;
  search: string;
  sort: SortKey;
  direction: SortDirection;
}

/** At most this many items are loaded; the page says so when there are more. */
export const WORK_LIMIT = 5000;
const PAGE_SIZE = 200;

export interface WorkList {
  items: WorkItem[];
  truncated: boolean;
}

/** Every page of /tasks/mine/ for one status (walking next_cursor), up to WORK_LIMIT items. */
export async function fetchMyWork(status: WorkStatus, signal?: AbortSignal): Promise<WorkList> {
  const items: WorkItem[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await unwrap(
      api().workflow.GET("/tasks/mine/", {
        params: {
          query: {
            limit: PAGE_SIZE,
            sort: "due",
            ...(status === "all" ? {} : { status }),
            ...(cursor ? { cursor } : {}),
          },
        },
        signal,
      }),
    );
    items.push(...page.items);
    cursor = page.next_cursor ?? undefined;
    if (!cursor) return { items, truncated: false };
    if (items.length >= WORK_LIMIT) return { items: items.slice(0, WORK_LIMIT), truncated: true };
  }
}

const compareText = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });

const COMPARE: Record<SortKey, (a: WorkItem, b: WorkItem) => number> = {
  due: (a, b) => a.target_at.localeCompare(b.target_at),
  priority: (a, b) => priorityRank(a.priority) - priorityRank(b.priority) || a.target_at.localeCompare(b.target_at),
  ticket: (a, b) => compareText(a.ticket_number, b.ticket_number),
  subject: (a, b) => compareText(a.subject, b.subject),
  step: (a, b) => compareText(a.step_name, b.step_name),
  assigned: (a, b) => a.assigned_at.localeCompare(b.assigned_at),
  workflow: (a, b) => compareText(a.workflow_name, b.workflow_name),
};

export function applyFilters(items: WorkItem[], f: WorkFilters): WorkItem[] {
  const needle = f.search.trim().toLowerCase();
  const kept = items.filter(
    (item) =>
      (f.priority === null || item.priority === f.priority) &&
      (f.workflow === null || item.workflow_id === f.workflow) &&
      (needle === "" ||
        item.ticket_number.toLowerCase().includes(needle) ||
        item.subject.toLowerCase().includes(needle) ||
        (item.requester_name ?? "").toLowerCase().includes(needle)),
  );
  const compare = COMPARE[f.sort];
  const sign = f.direction === "asc" ? 1 : -1;
  return kept.sort((a, b) => sign * compare(a, b) || a.item_id - b.item_id);
}

export function readFilters(params: URLSearchParams): WorkFilters {
  const status = params.get("status");
  const sort = params.get("sort");
  const workflow = Number(params.get("workflow"));
  return {
    status: status === "done" || status === "all" ? status : "active",
    priority: params.get("priority") || null,
    workflow: Number.isInteger(workflow) && workflow > 0 ? workflow : null,
    search: params.get("q") ?? "",
    sort: sort && sort in COMPARE ? (sort as SortKey) : "due",
    direction: params.get("dir") === "desc" ? "desc" : "asc",
  };
}

export function writeFilters(f: WorkFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (f.status !== "active") params.set("status", f.status);
  if (f.priority) params.set("priority", f.priority);
  if (f.workflow) params.set("workflow", String(f.workflow));
  if (f.search) params.set("q", f.search);
  if (f.sort !== "due") params.set("sort", f.sort);
  if (f.direction !== "asc") params.set("dir", f.direction);
  return params;
}

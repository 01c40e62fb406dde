import { describe, expect, it } from "vitest";
import { applyFilters, readFilters, writeFilters, fetchMyWork } from "@/pages/work/work-list";
import type { WorkItem } from "@/api/types";
import { json, SERVICES, stubFetch, configureForTests } from "./render";

function item(n: number, over: Partial<WorkItem> = {}): WorkItem {
  return {
    item_id: n,
    task_id: n,
    ticket_number: `TX2026120100000${n}`,
    subject: `Subject ${n}`,
    step: "triage",
    step_name: "Triage",
    assignee_id: 11,
    status: "new",
    sla_state: "ok",
    priority: "Medium",
    workflow_id: 1,
    workflow_name: "IT support",
    target_at: `2026-12-0${n}T10:00:00Z`,
    assigned_at: "2026-12-01T09:00:00Z",
    ...over,
  };
}

const defaults = readFilters(new URLSearchParams());

describe("My work list", () => {
  const items = [
    item(3, { priority: "Low", subject: "Printer jams" }),
    item(1, { priority: "Critical", subject: "VPN down", workflow_id: 2, workflow_name: "Network" }),
    item(2, { priority: "High", subject: "Laptop flickers", requester_name: "Juan Dela Cruz" }),
  ];

  it("sorts by due time, earliest first, by default", () => {
    expect(applyFilters(items, defaults).map((i) => i.item_id)).toEqual([1, 2, 3]);
  });

  it("sorts by priority with Critical first, and reverses", () => {
    expect(applyFilters(items, { ...defaults, sort: "priority" }).map((i) => i.priority)).toEqual(["Critical", "High", "Low"]);
    expect(applyFilters(items, { ...defaults, sort: "priority", direction: "desc" }).map((i) => i.priority)).toEqual([
      "Low",
      "High",
      "Critical",
    ]);
  });

  it("filters by priority, workflow and text (ticket, subject or requester)", () => {
    expect(applyFilters(items, { ...defaults, priority: "High" }).map((i) => i.item_id)).toEqual([2]);
    expect(applyFilters(items, { ...defaults, workflow: 2 }).map((i) => i.item_id)).toEqual([1]);
    expect(applyFilters(items, { ...defaults, search: "juan" }).map((i) => i.item_id)).toEqual([2]);
    expect(applyFilters(items, { ...defaults, search: "printer" }).map((i) => i.item_id)).toEqual([3]);
  });

  it("keeps filters in the URL and reads back only what it wrote", () => {
    const f = { ...defaults, status: "done" as const, priority: "High", workflow: 2, search: "vpn", sort: "subject" as const, direction: "desc" as const };
    expect(readFilters(writeFilters(f))).toEqual(f);
    expect(writeFilters(defaults).toString()).toBe("");
    expect(readFilters(new URLSearchParams("sort=evil&status=nope&workflow=-3"))).toEqual(defaults);
  });

  it("walks every page of /tasks/mine/ once", async () => {
    configureForTests();
    const seen: string[] = [];
    stubFetch({
      [`GET ${SERVICES.workflow}/tasks/mine/`]: (request) => {
        const url = new URL(request.url);
        seen.push(url.search);
        const cursor = url.searchParams.get("cursor");
        if (!cursor) return json({ items: [item(1), item(2)], next_cursor: "c2" });
        if (cursor === "c2") return json({ items: [item(3)], next_cursor: "c3" });
        return json({ items: [item(4)] });
      },
    });
    const list = await fetchMyWork("active");
    expect(list.items.map((i) => i.item_id)).toEqual([1, 2, 3, 4]);
    expect(list.truncated).toBe(false);
    expect(seen).toEqual([
      "?limit=200&sort=due&status=active",
      "?limit=200&sort=due&status=active&cursor=c2",
      "?limit=200&sort=due&status=active&cursor=c3",
    ]);
  });
});

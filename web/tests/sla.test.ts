import { describe, expect, it } from "vitest";
import { countdown } from "@/lib/sla";

const now = new Date("2026-12-01T10:00:00Z");

describe("SLA countdown", () => {
  it("counts down the time left while on track", () => {
    const c = countdown("2026-12-01T12:05:30Z", now, "ok", "new");
    expect(c).toEqual({ tone: "ok", label: "2h 05m left", secondsLeft: 7530 });
  });

  it("turns amber once the service sent a warning", () => {
    expect(countdown("2026-12-01T10:12:09Z", now, "warned").tone).toBe("warned");
    expect(countdown("2026-12-01T10:12:09Z", now, "warned").label).toBe("12m 09s left");
  });

  it("turns red the moment the due time passes, before the service says so", () => {
    const c = countdown("2026-12-01T09:59:15Z", now, "ok", "in_progress");
    expect(c.tone).toBe("breached");
    expect(c.label).toBe("overdue 45s");
  });

  it("stays red when the service reports a breach", () => {
    expect(countdown("2026-12-03T10:00:00Z", now, "breached").tone).toBe("breached");
  });

  it("shows days for long targets", () => {
    expect(countdown("2026-12-04T14:00:00Z", now, "ok").label).toBe("3d 4h left");
  });

  it("stands still while the ticket waits", () => {
    expect(countdown("2026-12-01T09:00:00Z", now, "paused").tone).toBe("paused");
  });

  it("no longer counts for a closed item", () => {
    expect(countdown("2026-12-01T09:00:00Z", now, "breached", "resolved").tone).toBe("done");
  });
});

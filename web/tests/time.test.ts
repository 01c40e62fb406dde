import { describe, expect, it } from "vitest";
import { absoluteTime, relativeTime, spanWords } from "@/lib/time";

const now = new Date("2026-12-01T10:00:00Z");

describe("dates", () => {
  it("reads relative to now, both ways", () => {
    expect(relativeTime(new Date("2026-12-01T09:55:00Z"), now, "en")).toBe("5 minutes ago");
    expect(relativeTime(new Date("2026-12-01T13:00:00Z"), now, "en")).toBe("in 3 hours");
    expect(relativeTime(new Date("2026-11-30T10:00:00Z"), now, "en")).toBe("yesterday");
    expect(relativeTime(new Date("2026-12-01T10:00:20Z"), now, "en")).toBe("just now");
  });

  it("gives the absolute time in the viewer's time zone, naming the zone", () => {
    const at = new Date("2026-12-01T10:00:00Z");
    expect(absoluteTime(at, "en-GB", "Asia/Manila")).toMatch(/1 Dec 2026.*18:00.*(GMT\+8|PHT)/);
    expect(absoluteTime(at, "en-GB", "UTC")).toMatch(/10:00.*UTC/);
  });

  it("sizes spans for countdowns", () => {
    expect(spanWords(45)).toBe("45s");
    expect(spanWords(12 * 60 + 9)).toBe("12m 09s");
    expect(spanWords(3 * 3600 + 5 * 60)).toBe("3h 05m");
    expect(spanWords(2 * 86400 + 4 * 3600)).toBe("2d 4h");
    expect(spanWords(-5)).toBe("0s");
  });
});

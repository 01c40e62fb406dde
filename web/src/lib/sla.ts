// What an SLA countdown shows: time left (or overdue) until the due time, and its tone.
// The service says whether a warning was sent or the target breached (`sla_state`); the
// clock decides the rest, so a row turns red the second its due time passes.
import { spanWords } from "./time";

export type SlaState = "ok" | "warned" | "breached" | "paused";
export type SlaTone = "ok" | "warned" | "breached" | "paused" | "done";

export interface Countdown {
  tone: SlaTone;
  /** Short text for the row, e.g. "2h 05m left", "overdue 12m 09s", "paused". */
  label: string;
  /** Seconds until due; negative when overdue. */
  secondsLeft: number;
}

/** Item statuses that no longer run against the clock. */
const CLOSED = new Set(["resolved", "escalated", "reassigned", "withdrawn"]);

export function countdown(
  targetAt: string,
  now: Date,
  slaState: string,
  itemStatus?: string,
): Countdown {
  const secondsLeft = Math.floor((new Date(targetAt).getTime() - now.getTime()) / 1000);
  if (itemStatus && CLOSED.has(itemStatus)) {
    return { tone: "done", label: "closed", secondsLeft };
  }
  if (slaState === "paused") {
    return { tone: "paused", label: "paused", secondsLeft };
  }
  if (slaState === "breached" || secondsLeft < 0) {
    return { tone: "breached", label: `overdue ${spanWords(-secondsLeft)}`, secondsLeft };
  }
  const label = `${spanWords(secondsLeft)} left`;
  return { tone: slaState === "warned" ? "warned" : "ok", label, secondsLeft };
}

export const SLA_COLOR: Record<SlaTone, string> = {
  ok: "teal",
  warned: "orange",
  breached: "red",
  paused: "gray",
  done: "gray",
};

export const SLA_TONE_WORDS: Record<SlaTone, string> = {
  ok: "on track",
  warned: "SLA warning",
  breached: "SLA breached",
  paused: "SLA paused",
  done: "closed",
};

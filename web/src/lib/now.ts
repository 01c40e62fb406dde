// One shared clock for every live countdown on screen: a single timer however many rows
// tick, and none while nothing listens.
import { useSyncExternalStore } from "react";

const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;
let now = Date.now();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The current time, updated every second while the component is mounted. */
export function useNow(): Date {
  const ms = useSyncExternalStore(subscribe, () => now, () => now);
  return new Date(ms);
}

// The services' WebSockets (/ws/tickets/{n}/, /ws/notifications/): one connection per use,
// authenticated by the same cookie as every request, reconnecting with a growing pause after a
// drop. Each (re)connection asks the caller where to resume (`?after=`), so nothing the socket
// delivered before is lost or repeated.
import { useEffect, useRef, useState } from "react";
import { config } from "@/config";
import { sessionExpired } from "./session-events";

/** The server's close codes (tts_shared::ws). */
const CLOSE_TOKEN_EXPIRED = 4001;
const CLOSE_REPLACED = 4029;

export type LiveStatus = "connecting" | "open" | "reconnecting" | "replaced" | "closed";

export interface LiveOptions {
  service: "messaging" | "notifications";
  /** The socket's path, e.g. `/ws/notifications/`. */
  path: string;
  /** Query parameters for each (re)connection, asked at that moment. */
  query?: () => Record<string, string | number | null | undefined>;
  onFrame: (frame: unknown) => void;
  onStatus?: (status: LiveStatus) => void;
}

export interface LiveConnection {
  /** Sends a JSON frame when the socket is open; false when it is not. */
  send: (frame: object) => boolean;
  close: () => void;
}

/** ws(s)://… for a service's http(s)://… base URL. */
export function socketUrl(base: string, path: string, query: Record<string, string | number | null | undefined> = {}): string {
  const url = new URL(path.replace(/^\//, ""), base.endsWith("/") ? base : `${base}/`);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  for (const [name, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== "") url.searchParams.set(name, String(value));
  }
  return url.toString();
}

/** Pause before reconnection attempt `n` (0-based): 1 s, 2 s, 4 s … at most 30 s, with jitter. */
export function reconnectDelay(attempt: number): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));
  return base * (0.75 + Math.random() * 0.5);
}

export function openLive(options: LiveOptions): LiveConnection {
  let socket: WebSocket | null = null;
  let attempt = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const status = (s: LiveStatus) => options.onStatus?.(s);

  const connect = () => {
    if (stopped) return;
    status(attempt === 0 ? "connecting" : "reconnecting");
    const url = socketUrl(config().services[options.service], options.path, options.query?.() ?? {});
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      status("open");
    };
    ws.onmessage = (message) => {
      if (typeof message.data !== "string") return;
      let frame: unknown;
      try {
        frame = JSON.parse(message.data);
      } catch {
        return;
      }
      options.onFrame(frame);
    };
    ws.onclose = (event) => {
      if (socket === ws) socket = null;
      if (stopped) return;
      if (event.code === CLOSE_TOKEN_EXPIRED) {
        stopped = true;
        status("closed");
        sessionExpired();
        return;
      }
      if (event.code === CLOSE_REPLACED) {
        // The person opened more sockets elsewhere; coming back would push out the newest.
        stopped = true;
        status("replaced");
        return;
      }
      status("reconnecting");
      timer = setTimeout(connect, reconnectDelay(attempt));
      attempt += 1;
    };
  };

  connect();
  return {
    send: (frame) => {
      if (!socket || socket.readyState !== WebSocket.OPEN) return false;
      socket.send(JSON.stringify(frame));
      return true;
    },
    close: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      const ws = socket;
      socket = null;
      if (ws && ws.readyState <= WebSocket.OPEN) ws.close(1000);
      status("closed");
    },
  };
}

/**
 * A live socket for as long as the component is mounted and `enabled` holds; reopened when
 * `path` changes. `onFrame` and `query` are read at the moment they are needed (latest render).
 */
export function useLive(
  options: Omit<LiveOptions, "onStatus"> & { enabled?: boolean },
): { status: LiveStatus; send: (frame: object) => boolean } {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const latest = useRef(options);
  const connection = useRef<LiveConnection | null>(null);
  useEffect(() => {
    latest.current = options;
  });
  const { service, path, enabled = true } = options;
  useEffect(() => {
    if (!enabled) return;
    const live = openLive({
      service,
      path,
      query: () => latest.current.query?.() ?? {},
      onFrame: (frame) => latest.current.onFrame(frame),
      onStatus: setStatus,
    });
    connection.current = live;
    return () => {
      connection.current = null;
      live.close();
    };
  }, [service, path, enabled]);
  return { status, send: (frame) => connection.current?.send(frame) ?? false };
}

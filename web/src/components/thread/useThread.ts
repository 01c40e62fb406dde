// A ticket's thread, live: every page read once, then the socket's changes merged in
// (src/lib/thread.ts), plus who is here and who is typing.
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "@/api/clients";
import { keys } from "@/api/keys";
import { useLive, type LiveStatus } from "@/api/live";
import type { paths } from "@/api/generated/messaging";
import {
  applyEvent,
  applyOwnChange,
  applyOwnRating,
  emptyThread,
  mergePage,
  threadEventOf,
  type OwnChange,
  type OwnRating,
  type ThreadPageData,
  type ThreadState,
} from "@/lib/thread";

type ThreadPage = paths["/tickets/{ticket_number}/comments/"]["get"]["responses"][200]["content"]["application/json"];

export interface PresentPerson {
  user_id: number;
  user_type: string;
  name: string;
}

/** How long a "typing…" lasts without another typing frame. */
const TYPING_SHOWN_MS = 5000;
/** Top-level comments per page read (the API allows up to this on every release). */
const PAGE = 100;

async function fetchThread(ticketNumber: string): Promise<ThreadPageData[]> {
  const pages: ThreadPageData[] = [];
  let cursor: ThreadPage["next_cursor"] = undefined;
  for (;;) {
    const page: ThreadPage = await unwrap(
      api().messaging.GET("/tickets/{ticket_number}/comments/", {
        params: { path: { ticket_number: ticketNumber }, query: { limit: PAGE, cursor } },
      }),
    );
    pages.push(page as ThreadPageData);
    if (page.next_cursor === undefined || page.next_cursor === null) return pages;
    cursor = page.next_cursor;
  }
}

type Action =
  | { kind: "pages"; pages: ThreadPageData[] }
  | { kind: "frame"; frame: unknown }
  | { kind: "own"; change: OwnChange }
  | { kind: "rating"; change: OwnRating };

function reduce(state: ThreadState, action: Action): ThreadState {
  switch (action.kind) {
    case "pages":
      return action.pages.reduce(mergePage, state);
    case "frame": {
      const event = threadEventOf(action.frame);
      return event ? applyEvent(state, event) : state;
    }
    case "own":
      return applyOwnChange(state, action.change);
    case "rating":
      return applyOwnRating(state, action.change);
  }
}

export function useThread(ticketNumber: string) {
  const pages = useQuery({
    queryKey: keys.thread(ticketNumber),
    queryFn: () => fetchThread(ticketNumber),
    // The socket keeps the thread current; reading it again would only repeat what it sent.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const [state, dispatch] = useReducer(reduce, emptyThread);
  const [presence, setPresence] = useState<{ count: number; users: PresentPerson[] }>({ count: 0, users: [] });
  const [typing, setTyping] = useState<Record<string, { person: PresentPerson; until: number }>>({});

  useEffect(() => {
    if (pages.data) dispatch({ kind: "pages", pages: pages.data });
  }, [pages.data]);

  useEffect(() => {
    const names = Object.keys(typing);
    if (names.length === 0) return;
    const soonest = Math.min(...names.map((k) => typing[k]!.until));
    const timer = setTimeout(() => {
      const now = Date.now();
      setTyping((t) => Object.fromEntries(Object.entries(t).filter(([, v]) => v.until > now)));
    }, Math.max(50, soonest - Date.now()));
    return () => clearTimeout(timer);
  }, [typing]);

  const onFrame = useCallback((frame: unknown) => {
    const f = frame as { type?: string; presence?: unknown; count?: number; users?: PresentPerson[]; user?: PresentPerson };
    if (f.type === "ready" && typeof f.presence === "object" && f.presence !== null) {
      const p = f.presence as { count?: number; users?: PresentPerson[] };
      setPresence({ count: p.count ?? 0, users: p.users ?? [] });
    } else if (f.type === "presence") {
      setPresence({ count: f.count ?? 0, users: f.users ?? [] });
    } else if (f.type === "typing" && f.user) {
      const person = f.user;
      setTyping((t) => ({ ...t, [`${person.user_type}:${person.user_id}`]: { person, until: Date.now() + TYPING_SHOWN_MS } }));
    } else {
      dispatch({ kind: "frame", frame });
    }
  }, []);

  const live = useLive({
    service: "messaging",
    path: `/ws/tickets/${encodeURIComponent(ticketNumber)}/`,
    enabled: state.resumeAfter !== null,
    query: () => ({ after: state.resumeAfter }),
    onFrame,
  });

  const lastTyping = useRef(0);
  const sendTyping = useCallback(
    (visibility: "public" | "internal") => {
      if (Date.now() - lastTyping.current < 2000) return;
      if (live.send({ type: "typing", visibility })) lastTyping.current = Date.now();
    },
    [live],
  );

  return {
    pages,
    state,
    presence,
    typing: Object.values(typing).map((t) => t.person),
    status: live.status as LiveStatus,
    sendTyping,
    ownChange: (change: OwnChange) => dispatch({ kind: "own", change }),
    ownRating: (change: OwnRating) => dispatch({ kind: "rating", change }),
  };
}

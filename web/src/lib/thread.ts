// A ticket's comment thread as the console holds it: the pages read over HTTP, the changes the
// socket streams, and the answers to the caller's own posts, merged so that no comment shows
// twice and none is lost, whatever order they arrive in.
//
// Every change to a thread has a sequence number (`seq`). A page read at `seq` S shows each
// comment as it was at S (or later); a change numbered N applies to a comment only when N is
// newer than what the console already shows of it. The socket resumes with `?after=` the last
// `seq` it delivered (or the first page's, before it delivered any), never with the number of the
// caller's own change: that one may have overtaken changes the socket has not delivered yet.
// Everything here is pure: the thread component keeps the state in a reducer.

export type Visibility = "public" | "internal";
export type Rating = "up" | "down";

export interface ThreadAttachment {
  id: number;
  comment_id: number;
  file_name: string;
  content_type: string;
  size_bytes: number;
  url: string;
  created_at: string;
}

export interface ThreadComment {
  id: number;
  ticket_number: string;
  parent_id?: number | null;
  author: { user_id: number; user_type: string; name: string; role: string };
  body: string;
  visibility: string;
  mentions: number[];
  thumbs_up: number;
  thumbs_down: number;
  my_rating?: string | null;
  created_at: string;
  edited: boolean;
  edited_at?: string | null;
  deleted: boolean;
  deleted_at?: string | null;
  attachments: ThreadAttachment[];
  replies?: ThreadComment[] | null;
}

/** A page of `GET /tickets/{n}/comments/`. */
export interface ThreadPageData {
  seq: number;
  items: ThreadComment[];
}

/** A durable frame of `/ws/tickets/{n}/` (numbered, replayed on resume). */
export type ThreadEvent =
  | { type: "comment.created" | "comment.updated" | "comment.deleted"; seq: number; comment: ThreadComment }
  | { type: "comment.rated"; seq: number; comment_id: number; thumbs_up: number; thumbs_down: number };

/** The answer to the caller's own post, edit, delete or attachment. */
export interface OwnChange {
  seq: number;
  comment: ThreadComment;
}

/** The answer to the caller's own rating. */
export interface OwnRating {
  seq: number;
  comment_id: number;
  thumbs_up: number;
  thumbs_down: number;
  my_rating?: string | null;
}

export interface ThreadState {
  /** Every comment and reply, by id (replies carry `parent_id`; `replies` is not kept). */
  comments: Record<number, ThreadComment>;
  /** The `seq` each comment is shown as of. */
  shownAt: Record<number, number>;
  /** Where the socket resumes (`?after=`); null until the first page is read. */
  resumeAfter: number | null;
}

export const emptyThread: ThreadState = { comments: {}, shownAt: {}, resumeAfter: null };

function put(state: ThreadState, comment: ThreadComment, seq: number): ThreadState {
  const shown = state.shownAt[comment.id];
  if (shown !== undefined && shown >= seq) return state;
  const before = state.comments[comment.id];
  const flat: ThreadComment = { ...comment };
  delete flat.replies;
  // Live frames carry no one's own rating: keep the one already known.
  const my_rating = flat.my_rating !== undefined ? flat.my_rating : before?.my_rating;
  return {
    ...state,
    comments: { ...state.comments, [comment.id]: { ...flat, my_rating } },
    shownAt: { ...state.shownAt, [comment.id]: seq },
  };
}

function rate(state: ThreadState, r: Omit<OwnRating, "my_rating">, myRating?: string | null): ThreadState {
  const before = state.comments[r.comment_id];
  if (!before) return state;
  const shown = state.shownAt[r.comment_id];
  const newer = shown === undefined || shown < r.seq;
  // The caller's own rating is theirs whatever the order: the socket may have delivered the
  // counts of this very change first, and it never carries anyone's own rating.
  const mine = myRating !== undefined && myRating !== before.my_rating;
  if (!newer && !mine) return state;
  const after: ThreadComment = newer ? { ...before, thumbs_up: r.thumbs_up, thumbs_down: r.thumbs_down } : { ...before };
  if (myRating !== undefined) after.my_rating = myRating;
  return {
    ...state,
    comments: { ...state.comments, [r.comment_id]: after },
    shownAt: newer ? { ...state.shownAt, [r.comment_id]: r.seq } : state.shownAt,
  };
}

/** Merges a page read over HTTP. The first page read fixes where the socket resumes. */
export function mergePage(state: ThreadState, page: ThreadPageData): ThreadState {
  let next = state;
  for (const top of page.items) {
    next = put(next, top, page.seq);
    for (const reply of top.replies ?? []) {
      next = put(next, { ...reply, parent_id: reply.parent_id ?? top.id }, page.seq);
    }
  }
  if (next.resumeAfter === null) next = { ...next, resumeAfter: page.seq };
  return next;
}

/** Applies a frame the socket delivered, and moves the resume point past it. */
export function applyEvent(state: ThreadState, event: ThreadEvent): ThreadState {
  const next =
    event.type === "comment.rated"
      ? rate(state, event)
      : put(state, event.comment, event.seq);
  const resumeAfter = Math.max(next.resumeAfter ?? 0, event.seq);
  return resumeAfter === next.resumeAfter ? next : { ...next, resumeAfter };
}

/** Applies the answer to the caller's own change (the socket will deliver it again: ignored then). */
export function applyOwnChange(state: ThreadState, change: OwnChange): ThreadState {
  return put(state, change.comment, change.seq);
}

export function applyOwnRating(state: ThreadState, change: OwnRating): ThreadState {
  return rate(state, change, change.my_rating ?? null);
}

export interface ThreadEntry {
  comment: ThreadComment;
  replies: ThreadComment[];
}

function byTime(a: ThreadComment, b: ThreadComment): number {
  return a.created_at === b.created_at ? a.id - b.id : a.created_at < b.created_at ? -1 : 1;
}

/**
 * The thread as shown: top-level comments oldest first, each with its replies oldest first.
 * A reply whose parent the viewer cannot see (or has not received yet) is not shown.
 */
export function threadEntries(state: ThreadState): ThreadEntry[] {
  const all = Object.values(state.comments);
  const replies = new Map<number, ThreadComment[]>();
  for (const c of all) {
    if (c.parent_id == null) continue;
    const list = replies.get(c.parent_id) ?? [];
    list.push(c);
    replies.set(c.parent_id, list);
  }
  return all
    .filter((c) => c.parent_id == null)
    .sort(byTime)
    .map((comment) => ({ comment, replies: (replies.get(comment.id) ?? []).sort(byTime) }));
}

/** How many comments and replies the viewer sees (deleted ones included: they keep their place). */
export function commentCount(state: ThreadState): number {
  return Object.keys(state.comments).length;
}

/** Parses a socket frame's JSON into a thread event, or null when it is not one. */
export function threadEventOf(frame: unknown): ThreadEvent | null {
  if (typeof frame !== "object" || frame === null) return null;
  const f = frame as Record<string, unknown>;
  if (typeof f.seq !== "number") return null;
  switch (f.type) {
    case "comment.created":
    case "comment.updated":
    case "comment.deleted":
      return typeof f.comment === "object" && f.comment !== null ? (f as unknown as ThreadEvent) : null;
    case "comment.rated":
      return typeof f.comment_id === "number" ? (f as unknown as ThreadEvent) : null;
    default:
      return null;
  }
}

/** The `@name` being typed at the caret, for the mention autocomplete (null when none). */
export function mentionAt(text: string, caret: number): { query: string; start: number } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([\p{L}\p{N}._-]{0,40})$/u.exec(before);
  if (!match) return null;
  const query = match[2] ?? "";
  return { query, start: caret - query.length - 1 };
}

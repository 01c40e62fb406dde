import { describe, expect, it } from "vitest";
import {
  applyEvent,
  applyOwnChange,
  applyOwnRating,
  emptyThread,
  mentionAt,
  mergePage,
  threadEntries,
  threadEventOf,
  type ThreadComment,
  type ThreadEvent,
  type ThreadState,
} from "@/lib/thread";

function comment(id: number, over: Partial<ThreadComment> = {}): ThreadComment {
  return {
    id,
    ticket_number: "TX1",
    parent_id: null,
    author: { user_id: 3, user_type: "staff", name: "Ana Reyes", role: "Agent" },
    body: `comment ${id}`,
    visibility: "public",
    mentions: [],
    thumbs_up: 0,
    thumbs_down: 0,
    created_at: `2026-12-01T10:00:${String(id).padStart(2, "0")}Z`,
    edited: false,
    deleted: false,
    attachments: [],
    ...over,
  };
}

const created = (seq: number, c: ThreadComment): ThreadEvent => ({ type: "comment.created", seq, comment: c });
const ids = (s: ThreadState) => threadEntries(s).flatMap((e) => [e.comment.id, ...e.replies.map((r) => r.id)]);

describe("thread merge", () => {
  it("shows a comment once when the page and the socket both carry it", () => {
    let s = mergePage(emptyThread, { seq: 2, items: [comment(1), comment(2)] });
    s = applyEvent(s, created(2, comment(2)));
    s = applyEvent(s, created(3, comment(3)));
    s = applyEvent(s, created(3, comment(3)));
    expect(ids(s)).toEqual([1, 2, 3]);
  });

  it("shows the caller's own comment at once and not again when the socket repeats it", () => {
    let s = mergePage(emptyThread, { seq: 0, items: [] });
    s = applyOwnChange(s, { seq: 1, comment: comment(1) });
    expect(ids(s)).toEqual([1]);
    s = applyEvent(s, created(1, comment(1)));
    expect(ids(s)).toEqual([1]);
  });

  it("resumes after the last change the socket delivered, not after the caller's own", () => {
    let s = mergePage(emptyThread, { seq: 5, items: [] });
    expect(s.resumeAfter).toBe(5);
    s = applyOwnChange(s, { seq: 8, comment: comment(8) });
    expect(s.resumeAfter).toBe(5);
    s = applyEvent(s, created(6, comment(6)));
    expect(s.resumeAfter).toBe(6);
    // 7 comes on the resumed socket: not lost although 8 is shown already.
    s = applyEvent(s, created(7, comment(7)));
    s = applyEvent(s, created(8, comment(8)));
    expect(ids(s)).toEqual([6, 7, 8]);
    expect(s.resumeAfter).toBe(8);
  });

  it("keeps the first page's seq as the resume point when later pages are read", () => {
    let s = mergePage(emptyThread, { seq: 4, items: [comment(1)] });
    s = mergePage(s, { seq: 9, items: [comment(2)] });
    expect(s.resumeAfter).toBe(4);
  });

  it("never lets an older change overwrite a newer one, in any arrival order", () => {
    const edited = comment(1, { body: "edited", edited: true });
    let s = mergePage(emptyThread, { seq: 1, items: [comment(1)] });
    s = applyEvent(s, { type: "comment.updated", seq: 3, comment: edited });
    // A page read before the edit arrives late: the edit stays.
    s = mergePage(s, { seq: 2, items: [comment(1)] });
    expect(threadEntries(s)[0]?.comment.body).toBe("edited");
    // A page read after a later change wins over what is shown.
    s = mergePage(s, { seq: 7, items: [comment(1, { body: "later" })] });
    expect(threadEntries(s)[0]?.comment.body).toBe("later");
  });

  it("puts replies under their comment, oldest first, both from pages and live", () => {
    const top = comment(1, { replies: [comment(3, { parent_id: 1 })] });
    let s = mergePage(emptyThread, { seq: 3, items: [top, comment(2)] });
    s = applyEvent(s, created(4, comment(4, { parent_id: 1 })));
    const entries = threadEntries(s);
    expect(entries.map((e) => e.comment.id)).toEqual([1, 2]);
    expect(entries[0]?.replies.map((r) => r.id)).toEqual([3, 4]);
    expect(entries[0]?.comment.replies).toBeUndefined();
  });

  it("keeps a deleted comment in its place, marked deleted", () => {
    let s = mergePage(emptyThread, { seq: 2, items: [comment(1), comment(2)] });
    s = applyEvent(s, { type: "comment.deleted", seq: 3, comment: comment(1, { body: "", deleted: true }) });
    const first = threadEntries(s)[0]?.comment;
    expect(first?.id).toBe(1);
    expect(first?.deleted).toBe(true);
  });

  it("applies rating counts and keeps the caller's own rating across live updates", () => {
    let s = mergePage(emptyThread, { seq: 1, items: [comment(1, { my_rating: "up", thumbs_up: 1 })] });
    s = applyEvent(s, { type: "comment.rated", seq: 2, comment_id: 1, thumbs_up: 2, thumbs_down: 0 });
    expect(threadEntries(s)[0]?.comment).toMatchObject({ thumbs_up: 2, my_rating: "up" });
    s = applyEvent(s, { type: "comment.updated", seq: 3, comment: comment(1, { body: "x", thumbs_up: 2 }) });
    expect(threadEntries(s)[0]?.comment.my_rating).toBe("up");
    s = applyOwnRating(s, { seq: 4, comment_id: 1, thumbs_up: 1, thumbs_down: 0, my_rating: null });
    expect(threadEntries(s)[0]?.comment).toMatchObject({ thumbs_up: 1, my_rating: null });
    // The socket repeats the caller's rating: nothing changes.
    s = applyEvent(s, { type: "comment.rated", seq: 4, comment_id: 1, thumbs_up: 1, thumbs_down: 0 });
    expect(threadEntries(s)[0]?.comment.thumbs_up).toBe(1);
  });

  it("shows the caller's own rating when the socket delivered that change first", () => {
    let s = mergePage(emptyThread, { seq: 1, items: [comment(1)] });
    s = applyEvent(s, { type: "comment.rated", seq: 2, comment_id: 1, thumbs_up: 1, thumbs_down: 0 });
    s = applyOwnRating(s, { seq: 2, comment_id: 1, thumbs_up: 1, thumbs_down: 0, my_rating: "up" });
    expect(threadEntries(s)[0]?.comment).toMatchObject({ thumbs_up: 1, my_rating: "up" });
    // Someone else's later rating, then the caller's older answer: the later counts stay.
    s = applyEvent(s, { type: "comment.rated", seq: 4, comment_id: 1, thumbs_up: 1, thumbs_down: 1 });
    s = applyOwnRating(s, { seq: 3, comment_id: 1, thumbs_up: 0, thumbs_down: 0, my_rating: null });
    expect(threadEntries(s)[0]?.comment).toMatchObject({ thumbs_up: 1, thumbs_down: 1, my_rating: null });
  });

  it("recognises only numbered comment frames as thread events", () => {
    expect(threadEventOf({ type: "ready", seq: 3 })).toBeNull();
    expect(threadEventOf({ type: "typing", user: {} })).toBeNull();
    expect(threadEventOf({ type: "comment.created", comment: comment(1) })).toBeNull();
    expect(threadEventOf(created(1, comment(1)))?.seq).toBe(1);
  });
});

describe("mention at the caret", () => {
  it("finds the name being typed after an @", () => {
    expect(mentionAt("Hello @An", 9)).toEqual({ query: "An", start: 6 });
    expect(mentionAt("@", 1)).toEqual({ query: "", start: 0 });
    expect(mentionAt("mail me at ana@example", 22)).toBeNull();
    expect(mentionAt("@Ana done", 9)).toBeNull();
  });
});

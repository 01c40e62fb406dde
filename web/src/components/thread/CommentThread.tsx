// The ticket's comment thread, live over /ws/tickets/{n}/: the same component on the task page
// (staff: internal notes and public replies, mentions) and on the requester's ticket page (public
// replies only — the service never sends a requester an internal note, and this never asks).
import { useState } from "react";
import { Alert, Avatar, Badge, Button, Group, Paper, Stack, Text, Title, Tooltip } from "@mantine/core";
import { IconMessageCircle, IconPlugConnectedX } from "@tabler/icons-react";
import { api, unwrap } from "@/api/clients";
import { useMe } from "@/auth/session";
import { ErrorAlert } from "@/components/ErrorAlert";
import { EmptyState, LoadingState } from "@/components/States";
import { commentCount, threadEntries, type OwnChange, type OwnRating, type ThreadComment } from "@/lib/thread";
import { Composer, type Draft } from "./Composer";
import { CommentItem, type CommentActions } from "./CommentItem";
import { useStaffDirectory } from "./staff";
import { attachToComment } from "./upload";
import { useThread } from "./useThread";

function Presence({ users, me, typing }: { users: { user_id: number; user_type: string; name: string }[]; me: { user_id: number; user_type: string }; typing: { user_id: number; user_type: string; name: string }[] }) {
  const others = users.filter((u) => !(u.user_id === me.user_id && u.user_type === me.user_type));
  const typers = typing.filter((u) => !(u.user_id === me.user_id && u.user_type === me.user_type));
  return (
    <Group gap="xs" aria-live="polite">
      {others.length > 0 && (
        <Tooltip label={others.map((u) => u.name).join(", ")}>
          <Group gap={4} aria-label={`Also here: ${others.map((u) => u.name).join(", ")}`}>
            <Avatar.Group spacing="xs">
              {others.slice(0, 4).map((u) => (
                <Avatar key={`${u.user_type}:${u.user_id}`} size={22} radius="xl" color={u.user_type === "employee" ? "teal" : "blue"}>
                  {u.name.slice(0, 1).toUpperCase()}
                </Avatar>
              ))}
            </Avatar.Group>
            <Text size="xs" c="dimmed">
              {others.length === 1 ? `${others[0]!.name} is here` : `${others.length} others here`}
            </Text>
          </Group>
        </Tooltip>
      )}
      {typers.length > 0 && (
        <Text size="xs" c="blue.8" fs="italic">
          {typers.length === 1 ? `${typers[0]!.name} is typing…` : `${typers.map((t) => t.name).join(", ")} are typing…`}
        </Text>
      )}
    </Group>
  );
}

export function CommentThread({ ticketNumber }: { ticketNumber: string }) {
  const me = useMe();
  const staff = me.user_type === "staff";
  const thread = useThread(ticketNumber);
  const directory = useStaffDirectory(staff);
  const people = directory.data ?? [];
  const [replyingTo, setReplyingTo] = useState<number | null>(null);

  const own = (change: unknown) => thread.ownChange(change as OwnChange);

  const post = async (draft: Draft, parent: ThreadComment | null) => {
    const body = { body: draft.body, visibility: draft.visibility, mentions: staff ? draft.mentions : [] };
    const change = (await unwrap(
      parent
        ? api().messaging.POST("/comments/{id}/replies/", { params: { path: { id: parent.id } }, body })
        : api().messaging.POST("/tickets/{ticket_number}/comments/", { params: { path: { ticket_number: ticketNumber } }, body }),
    )) as unknown as OwnChange;
    own(change);
    let comment = change.comment;
    for (const file of draft.files) {
      const added = await attachToComment(comment.id, file);
      comment = { ...comment, attachments: [...comment.attachments, added.attachment] };
      own({ seq: added.seq, comment });
    }
  };

  const actions: CommentActions = {
    canChange: (c) => (c.author.user_id === me.user_id && c.author.user_type === me.user_type) || me.is_admin,
    rate: async (c, rating) => {
      const change = await unwrap(
        api().messaging.PUT("/comments/{id}/rating/", { params: { path: { id: c.id } }, body: { rating } as never }),
      );
      thread.ownRating(change as unknown as OwnRating);
    },
    edit: async (c, draft) => {
      const body = staff ? { body: draft.body, mentions: draft.mentions } : { body: draft.body };
      own(await unwrap(api().messaging.PATCH("/comments/{id}/", { params: { path: { id: c.id } }, body })));
    },
    remove: async (c) => {
      own(await unwrap(api().messaging.DELETE("/comments/{id}/", { params: { path: { id: c.id } } })));
    },
  };

  const entries = threadEntries(thread.state);
  const count = commentCount(thread.state);
  const offline = thread.status === "reconnecting" || thread.status === "replaced";

  return (
    <Stack gap="sm" component="section" aria-label="Comments">
      <Group justify="space-between">
        <Group gap="xs">
          <Title order={2} size="h4">
            Comments
          </Title>
          {count > 0 && (
            <Badge variant="light" color="gray">
              {count}
            </Badge>
          )}
          {thread.status === "open" && (
            <Badge variant="dot" color="teal" size="sm">
              Live
            </Badge>
          )}
        </Group>
        <Presence users={thread.presence.users} me={me} typing={thread.typing} />
      </Group>

      {offline && (
        <Alert color="orange" variant="light" icon={<IconPlugConnectedX size={18} />} role="status">
          {thread.status === "replaced"
            ? "This thread is open in too many windows; it is no longer live here. Reload the page to follow it again."
            : "Connection lost — reconnecting. Nothing is missed: new comments arrive once it is back."}
        </Alert>
      )}

      {thread.pages.isPending ? (
        <LoadingState label="Loading comments…" />
      ) : thread.pages.isError ? (
        <ErrorAlert error={thread.pages.error} onRetry={() => void thread.pages.refetch()} />
      ) : entries.length === 0 ? (
        <EmptyState title="No comments yet" icon={<IconMessageCircle size={26} />}>
          {staff ? "Add an internal note for your colleagues or reply to the requester." : "Write to the team working on your ticket."}
        </EmptyState>
      ) : (
        <Stack gap="sm">
          {entries.map(({ comment, replies }) => (
            <CommentItem
              key={comment.id}
              comment={comment}
              staff={staff}
              directory={people}
              actions={actions}
              footer={
                !comment.deleted && (
                  <div style={{ marginTop: 8 }}>
                    {replyingTo === comment.id ? (
                      <Composer
                        staff={staff}
                        directory={people}
                        label={`Reply to ${comment.author.name}`}
                        fixedVisibility={comment.visibility === "internal" ? "internal" : undefined}
                        onTyping={thread.sendTyping}
                        onCancel={() => setReplyingTo(null)}
                        onSubmit={async (draft) => {
                          await post(draft, comment);
                          setReplyingTo(null);
                        }}
                      />
                    ) : (
                      <Button size="compact-xs" variant="subtle" onClick={() => setReplyingTo(comment.id)} aria-label={`Reply to ${comment.author.name}`}>
                        Reply
                      </Button>
                    )}
                  </div>
                )
              }
            >
              {replies.length > 0 && (
                <Stack gap="xs" mt="sm" pl="md" style={{ borderLeft: "2px solid var(--mantine-color-gray-3)" }}>
                  {replies.map((r) => (
                    <CommentItem key={r.id} comment={r} staff={staff} directory={people} actions={actions} />
                  ))}
                </Stack>
              )}
            </CommentItem>
          ))}
        </Stack>
      )}

      <Paper withBorder radius="md" p="sm">
        <Composer
          staff={staff}
          directory={people}
          label={staff ? "New comment" : "Your reply"}
          submitLabel={staff ? undefined : () => "Send reply"}
          onTyping={thread.sendTyping}
          onSubmit={(draft) => post(draft, null)}
        />
      </Paper>
    </Stack>
  );
}

// One comment or reply: author, time, visibility (an internal note looks unmistakably different),
// body with mentions, attachments, ratings, and the author's edit and delete.
import { useState, type ReactNode } from "react";
import { ActionIcon, Anchor, Avatar, Badge, Button, Group, Paper, Stack, Text, Tooltip } from "@mantine/core";
import { IconLock, IconPaperclip, IconThumbDown, IconThumbUp } from "@tabler/icons-react";
import { config } from "@/config";
import { DateTime } from "@/components/DateTime";
import { ErrorAlert } from "@/components/ErrorAlert";
import type { ThreadComment } from "@/lib/thread";
import { Composer, type Draft } from "./Composer";
import type { StaffMember } from "./staff";
import { fileSize } from "./upload";

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? "")
    .join("");
}

/** The body with each mentioned person's `@name` set apart. */
function Body({ text, mentioned }: { text: string; mentioned: string[] }) {
  if (mentioned.length === 0) return <>{text}</>;
  const escaped = mentioned.map((n) => `@${n}`.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const parts = text.split(new RegExp(`(${escaped.join("|")})`, "g"));
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <Text key={i} span c="blue.8" fw={600}>
            {part}
          </Text>
        ) : (
          part
        ),
      )}
    </>
  );
}

export interface CommentActions {
  canChange: (c: ThreadComment) => boolean;
  rate: (c: ThreadComment, rating: "up" | "down" | null) => Promise<void>;
  edit: (c: ThreadComment, draft: Draft) => Promise<void>;
  remove: (c: ThreadComment) => Promise<void>;
}

export function CommentItem({
  comment,
  staff,
  directory,
  actions,
  children,
  footer,
}: {
  comment: ThreadComment;
  staff: boolean;
  directory: StaffMember[];
  actions: CommentActions;
  /** Replies. */
  children?: ReactNode;
  /** The reply button/composer. */
  footer?: ReactNode;
}) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const internal = comment.visibility === "internal";
  const mine = actions.canChange(comment);
  const mentioned = directory.filter((p) => comment.mentions.includes(p.user_id)).map((p) => p.name);
  const label = `${internal ? "Internal note" : "Comment"} by ${comment.author.name}`;

  const act = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Paper
      component="article"
      aria-label={label}
      withBorder
      radius="md"
      p="sm"
      bg={internal ? "yellow.0" : undefined}
      style={internal ? { borderColor: "var(--mantine-color-yellow-5)", borderLeftWidth: 4 } : { borderLeftWidth: 4, borderLeftColor: "var(--mantine-color-blue-4)" }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb={4}>
        <Group gap="xs" wrap="nowrap">
          <Avatar size={28} radius="xl" color={comment.author.user_type === "employee" ? "teal" : "blue"}>
            {initials(comment.author.name)}
          </Avatar>
          <div>
            <Group gap={6}>
              <Text size="sm" fw={600}>
                {comment.author.name}
              </Text>
              {comment.author.role ? (
                <Text size="xs" c="dimmed">
                  {comment.author.role}
                </Text>
              ) : comment.author.user_type === "employee" ? (
                <Text size="xs" c="dimmed">
                  Requester
                </Text>
              ) : null}
              {internal && (
                <Badge color="yellow" variant="filled" size="xs" leftSection={<IconLock size={10} />}>
                  Internal note
                </Badge>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              <DateTime value={comment.created_at} />
              {comment.edited && !comment.deleted && (
                <>
                  {" · edited "}
                  <DateTime value={comment.edited_at} />
                </>
              )}
            </Text>
          </div>
        </Group>
        {mine && !comment.deleted && !editing && (
          <Group gap={4}>
            <Button size="compact-xs" variant="subtle" onClick={() => setEditing(true)} aria-label={`Edit ${label}`}>
              Edit
            </Button>
            <Button size="compact-xs" variant="subtle" color="red" onClick={() => setConfirming(true)} aria-label={`Delete ${label}`}>
              Delete
            </Button>
          </Group>
        )}
      </Group>

      {comment.deleted ? (
        <Text size="sm" c="dimmed" fs="italic">
          This comment was deleted.
        </Text>
      ) : editing ? (
        <Composer
          staff={staff}
          directory={directory}
          label="Edit comment"
          initialBody={comment.body}
          fixedVisibility={internal ? "internal" : "public"}
          allowFiles={false}
          submitLabel={() => "Save"}
          onCancel={() => setEditing(false)}
          onSubmit={async (draft) => {
            await actions.edit(comment, draft);
            setEditing(false);
          }}
        />
      ) : (
        <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
          <Body text={comment.body} mentioned={mentioned} />
        </Text>
      )}

      {confirming && (
        <Group gap="xs" mt="xs" role="group" aria-label="Confirm deletion">
          <Text size="sm">Delete this comment? Its replies stay.</Text>
          <Button size="xs" color="red" onClick={() => void act(async () => { await actions.remove(comment); setConfirming(false); })}>
            Delete comment
          </Button>
          <Button size="xs" variant="default" onClick={() => setConfirming(false)}>
            Keep it
          </Button>
        </Group>
      )}

      {!comment.deleted && comment.attachments.length > 0 && (
        <Stack gap={2} mt="xs">
          {comment.attachments.map((a) => (
            <Group key={a.id} gap={6}>
              <IconPaperclip size={14} />
              <Anchor size="sm" href={`${config().services.messaging}${a.url}`} download={a.file_name}>
                {a.file_name}
              </Anchor>
              <Text size="xs" c="dimmed">
                {fileSize(a.size_bytes)}
              </Text>
            </Group>
          ))}
        </Stack>
      )}

      {!comment.deleted && (
        <Group gap={4} mt="xs">
          <Tooltip label="Helpful">
            <ActionIcon
              variant={comment.my_rating === "up" ? "filled" : "subtle"}
              size="sm"
              aria-label={`Helpful (${comment.thumbs_up})`}
              aria-pressed={comment.my_rating === "up"}
              onClick={() => void act(() => actions.rate(comment, comment.my_rating === "up" ? null : "up"))}
            >
              <IconThumbUp size={14} />
            </ActionIcon>
          </Tooltip>
          <Text size="xs" c="dimmed" mr={6}>
            {comment.thumbs_up}
          </Text>
          <Tooltip label="Not helpful">
            <ActionIcon
              variant={comment.my_rating === "down" ? "filled" : "subtle"}
              color="gray"
              size="sm"
              aria-label={`Not helpful (${comment.thumbs_down})`}
              aria-pressed={comment.my_rating === "down"}
              onClick={() => void act(() => actions.rate(comment, comment.my_rating === "down" ? null : "down"))}
            >
              <IconThumbDown size={14} />
            </ActionIcon>
          </Tooltip>
          <Text size="xs" c="dimmed">
            {comment.thumbs_down}
          </Text>
        </Group>
      )}
      {error != null && (
        <div style={{ marginTop: 8 }}>
          <ErrorAlert error={error} />
        </div>
      )}
      {footer}
      {children}
    </Paper>
  );
}

// The header's notification bell: the unread count, live over /ws/notifications/ (the one
// notifications socket of the console: every list of notifications is refreshed from it), and a
// panel with the latest ones.
import { useRef, useState } from "react";
import { ActionIcon, Anchor, Button, Divider, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from "@mantine/core";
import { IconBell } from "@tabler/icons-react";
import { Link, useNavigate } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { keys } from "@/api/keys";
import { useLive } from "@/api/live";
import { useMe } from "@/auth/session";
import { DateTime } from "@/components/DateTime";
import { ErrorAlert } from "@/components/ErrorAlert";
import { EmptyState, LoadingState } from "@/components/States";
import { notificationFrameOf, notificationLink, typeWords, type Notification } from "@/pages/notifications/model";
import { useMarkAllRead, useMarkRead, useNotificationList, useUnreadCount } from "@/pages/notifications/queries";

export function bellLabel(count: number | undefined): string {
  if (count === undefined) return "Notifications";
  if (count === 0) return "Notifications, none unread";
  return `Notifications, ${count} unread`;
}

function useLiveNotifications() {
  const queryClient = useQueryClient();
  const latest = useRef<number | null>(null);
  useLive({
    service: "notifications",
    path: "/ws/notifications/",
    query: () => ({ after: latest.current }),
    onFrame: (raw) => {
      const frame = notificationFrameOf(raw);
      if (!frame) return;
      if (frame.type === "unread_count") {
        queryClient.setQueryData(keys.unreadCount, frame.count);
      } else {
        latest.current = Math.max(latest.current ?? 0, frame.notification.id);
        void queryClient.invalidateQueries({ queryKey: ["notifications", "list"] });
        // A notification about a ticket means it moved: pages showing it read it again.
        if (frame.notification.notification_type.startsWith("task_")) {
          void queryClient.invalidateQueries({ queryKey: keys.myWorkAll });
        }
        const number = frame.notification.related_ticket_number;
        if (number) {
          void queryClient.invalidateQueries({ queryKey: keys.ticket(number) });
          void queryClient.invalidateQueries({ queryKey: keys.myTicketsAll });
        }
      }
    },
  });
}

export function NotificationRow({ n, onOpen }: { n: Notification; onOpen: (n: Notification) => void }) {
  return (
    <UnstyledButton
      onClick={() => onOpen(n)}
      p="xs"
      w="100%"
      style={{ borderRadius: 6, background: n.is_read ? undefined : "var(--mantine-color-blue-light)" }}
      aria-label={`${n.is_read ? "" : "Unread: "}${n.subject}`}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed" fw={500}>
            {typeWords(n.notification_type)}
            {n.related_ticket_number ? ` · ${n.related_ticket_number}` : ""}
          </Text>
          <Text size="sm" fw={n.is_read ? 400 : 600} lineClamp={2}>
            {n.subject}
          </Text>
        </Stack>
        <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
          <DateTime value={n.created_at} />
        </Text>
      </Group>
    </UnstyledButton>
  );
}

export function NotificationBell() {
  const me = useMe();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  useLiveNotifications();
  const count = useUnreadCount();
  const unread = count.data ?? 0;
  const latest = useNotificationList({}, 8);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();

  const openOne = (n: Notification) => {
    if (!n.is_read) markRead.mutate(n.id);
    const to = notificationLink(n, me.user_type);
    setOpen(false);
    if (to) navigate(to);
  };
  const items = latest.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Popover opened={open} onChange={setOpen} onDismiss={() => setOpen(false)} position="bottom-end" width={380} shadow="md" withArrow>
      <Popover.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="lg"
          aria-label={bellLabel(count.data)}
          onClick={() => setOpen((o) => !o)}
          style={{ overflow: "visible" }}
        >
          <Indicator label={unread > 99 ? "99+" : unread} size={18} color="red" disabled={unread === 0} offset={2} aria-hidden>
            <IconBell size={20} />
          </Indicator>
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <Group justify="space-between" mb={4} px={4}>
          <Text fw={600} size="sm">
            Notifications
          </Text>
          <Button size="compact-xs" variant="subtle" disabled={unread === 0} loading={markAll.isPending} onClick={() => markAll.mutate()}>
            Mark all read
          </Button>
        </Group>
        <Divider mb={4} />
        {markAll.isError && <ErrorAlert error={markAll.error} />}
        {latest.isPending ? (
          <LoadingState />
        ) : latest.isError ? (
          <ErrorAlert error={latest.error} onRetry={() => void latest.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState title="You're all caught up">No notifications yet.</EmptyState>
        ) : (
          <ScrollArea.Autosize mah={380}>
            <Stack gap={2} role="list" aria-label="Latest notifications">
              {items.slice(0, 8).map((n) => (
                <div role="listitem" key={n.id}>
                  <NotificationRow n={n} onOpen={openOne} />
                </div>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
        <Divider my={4} />
        <Anchor component={Link} to="/notifications" size="sm" onClick={() => setOpen(false)} px={4}>
          See all notifications and preferences
        </Anchor>
      </Popover.Dropdown>
    </Popover>
  );
}

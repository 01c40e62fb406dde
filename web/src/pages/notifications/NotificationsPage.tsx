// All of the caller's notifications, filtered (unread, type, ticket), with mark read / read all,
// and their preferences per type and channel.
import { useState } from "react";
import { Badge, Button, Group, Paper, SegmentedControl, Select, Stack, Tabs, Text, TextInput } from "@mantine/core";
import { IconBell, IconCheck, IconSettings } from "@tabler/icons-react";
import { useNavigate } from "react-router";
import { useDebouncedValue } from "@mantine/hooks";
import { useMe } from "@/auth/session";
import { DateTime } from "@/components/DateTime";
import { ErrorAlert } from "@/components/ErrorAlert";
import { PageHeader } from "@/components/PageHeader";
import { EmptyState, LoadingState } from "@/components/States";
import { notificationLink, typeWords, type Notification } from "./model";
import { PreferencesPanel } from "./PreferencesPanel";
import { useMarkAllRead, useMarkRead, useNotificationList, useNotificationTypes, useUnreadCount, type NotificationFilters } from "./queries";

function Row({ n, onOpen, onRead, reading }: { n: Notification; onOpen: () => void; onRead: () => void; reading: boolean }) {
  return (
    <Paper withBorder p="sm" radius="md" bg={n.is_read ? undefined : "blue.0"} role="listitem" aria-label={n.subject}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap="xs">
            {!n.is_read && (
              <Badge size="xs" color="blue" variant="filled">
                Unread
              </Badge>
            )}
            <Text size="xs" c="dimmed" fw={500}>
              {typeWords(n.notification_type)}
              {n.related_ticket_number ? ` · ${n.related_ticket_number}` : ""}
            </Text>
            <Text size="xs" c="dimmed">
              <DateTime value={n.created_at} />
            </Text>
          </Group>
          <Text fw={n.is_read ? 500 : 700} size="sm">
            {n.subject}
          </Text>
          {n.message && (
            <Text size="sm" c="dimmed" lineClamp={3}>
              {n.message}
            </Text>
          )}
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" variant="light" onClick={onOpen}>
            Open
          </Button>
          {!n.is_read && (
            <Button size="xs" variant="default" leftSection={<IconCheck size={14} />} onClick={onRead} loading={reading} aria-label={`Mark read: ${n.subject}`}>
              Mark read
            </Button>
          )}
        </Group>
      </Group>
    </Paper>
  );
}

function NotificationList() {
  const me = useMe();
  const navigate = useNavigate();
  const [show, setShow] = useState<"all" | "unread">("all");
  const [type, setType] = useState<string | null>(null);
  const [ticket, setTicket] = useState("");
  const [ticketFilter] = useDebouncedValue(ticket, 300);
  const filters: NotificationFilters = { unread: show === "unread", type: type ?? undefined, ticket: ticketFilter };
  const list = useNotificationList(filters);
  const types = useNotificationTypes();
  const unread = useUnreadCount();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const open = (n: Notification) => {
    if (!n.is_read) markRead.mutate(n.id);
    const to = notificationLink(n, me.user_type);
    if (to) navigate(to);
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end" gap="sm">
          <SegmentedControl
            aria-label="Show"
            value={show}
            onChange={(v) => setShow(v as "all" | "unread")}
            data={[
              { value: "all", label: "All" },
              { value: "unread", label: "Unread" },
            ]}
          />
          <Select
            label="Type"
            placeholder="Every type"
            clearable
            value={type}
            onChange={setType}
            data={(types.data ?? []).map((t) => ({ value: t, label: typeWords(t) }))}
            w={220}
          />
          <TextInput label="Ticket" placeholder="Ticket number" value={ticket} onChange={(e) => setTicket(e.currentTarget.value)} w={200} />
        </Group>
        <Button
          variant="light"
          leftSection={<IconCheck size={16} />}
          onClick={() => markAll.mutate()}
          loading={markAll.isPending}
          disabled={(unread.data ?? 0) === 0}
        >
          Mark all read
        </Button>
      </Group>
      {markAll.isError && <ErrorAlert error={markAll.error} />}
      {markRead.isError && <ErrorAlert error={markRead.error} />}
      {list.isPending ? (
        <LoadingState label="Loading notifications…" />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={show === "unread" || type || ticket ? "No notifications match" : "No notifications yet"} icon={<IconBell size={26} />}>
          {show === "unread" ? "Everything is read." : "You will be told here when something needs you."}
        </EmptyState>
      ) : (
        <Stack gap="xs" role="list" aria-label="Notifications">
          {items.map((n) => (
            <Row key={n.id} n={n} onOpen={() => open(n)} onRead={() => markRead.mutate(n.id)} reading={markRead.isPending && markRead.variables === n.id} />
          ))}
          {list.hasNextPage && (
            <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} w="fit-content" mx="auto">
              Load more
            </Button>
          )}
        </Stack>
      )}
    </Stack>
  );
}

export function NotificationsPage() {
  const unread = useUnreadCount();
  return (
    <>
      <PageHeader
        title="Notifications"
        description={unread.data === undefined ? undefined : unread.data === 0 ? "Nothing unread" : `${unread.data} unread`}
      />
      <Tabs defaultValue="inbox" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="inbox" leftSection={<IconBell size={16} />}>
            Inbox
          </Tabs.Tab>
          <Tabs.Tab value="preferences" leftSection={<IconSettings size={16} />}>
            Preferences
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="inbox">
          <NotificationList />
        </Tabs.Panel>
        <Tabs.Panel value="preferences">
          <PreferencesPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

// A ticket's page for its requester: status, details, attachments, the public thread (live), and
// withdraw while nobody has started on it. Staff opening it see the same ticket with their thread.
import { useState } from "react";
import { Alert, Anchor, Badge, Button, FileButton, Grid, Group, Modal, Paper, Stack, Text, Title } from "@mantine/core";
import { IconArrowLeft, IconCircleCheck, IconPaperclip, IconUpload } from "@tabler/icons-react";
import { Link, useLocation, useParams } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/api/clients";
import { keys } from "@/api/keys";
import { config } from "@/config";
import { useMe } from "@/auth/session";
import { PriorityBadge, StatusBadge } from "@/components/Badges";
import { DateTime } from "@/components/DateTime";
import { ErrorAlert } from "@/components/ErrorAlert";
import { PageHeader } from "@/components/PageHeader";
import { LoadingState } from "@/components/States";
import { CommentThread } from "@/components/thread/CommentThread";
import { attachToTicket, fileSize } from "@/components/thread/upload";
import { canWithdraw } from "./model";

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

export function TicketPage() {
  const { ticketNumber = "" } = useParams();
  const location = useLocation();
  const justCreated = (location.state as { created?: boolean } | null)?.created === true;
  const me = useMe();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const ticket = useQuery({
    queryKey: keys.ticket(ticketNumber),
    queryFn: () => unwrap(api().tickets.GET("/tickets/{ticket_number}/", { params: { path: { ticket_number: ticketNumber } } })),
    // The status moves as the team works; the notification socket also refreshes it at once.
    refetchInterval: 30_000,
  });
  const withdraw = useMutation({
    mutationFn: (version: number) =>
      unwrap(
        api().tickets.PATCH("/tickets/{ticket_number}/", {
          params: { path: { ticket_number: ticketNumber }, header: { "If-Match": `"${version}"` } } as never,
          body: { status: "Withdrawn" } as never,
        }),
      ),
    onSuccess: (fresh) => {
      queryClient.setQueryData(keys.ticket(ticketNumber), fresh);
      void queryClient.invalidateQueries({ queryKey: keys.myTicketsAll });
      setConfirming(false);
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: keys.ticket(ticketNumber) }),
  });
  const upload = useMutation({
    mutationFn: async (files: File[]) => {
      for (const file of files) await attachToTicket(ticketNumber, file);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.ticket(ticketNumber) }),
  });

  if (ticket.isPending) return <LoadingState label="Loading the ticket…" />;
  if (ticket.isError) {
    return (
      <>
        <PageHeader title={`Ticket ${ticketNumber}`} />
        <ErrorAlert error={ticket.error} onRetry={() => void ticket.refetch()} />
      </>
    );
  }
  const t = ticket.data;
  const requester = t.requester;
  const isRequester = !!requester && requester.user_id === me.user_id && requester.user_type === me.user_type;
  const attachments = t.attachments ?? [];

  return (
    <>
      <Anchor component={Link} to={me.user_type === "staff" ? "/work" : "/tickets"} size="sm" mb="xs" style={{ display: "inline-flex", alignItems: "center", gap: 4 }}>
        <IconArrowLeft size={14} /> {me.user_type === "staff" ? "My work" : "My tickets"}
      </Anchor>
      <PageHeader
        title={t.subject}
        description={
          <Group gap="xs" component="span">
            <Text span ff="monospace" size="sm">
              {t.ticket_number}
            </Text>
            <Text span size="sm" c="dimmed">
              raised <DateTime value={t.created_at} />
            </Text>
          </Group>
        }
        actions={
          isRequester && canWithdraw(t.status) ? (
            <Button variant="default" color="red" onClick={() => setConfirming(true)}>
              Withdraw ticket
            </Button>
          ) : undefined
        }
      />
      {justCreated && (
        <Alert color="teal" icon={<IconCircleCheck size={18} />} mb="md" title="Ticket submitted">
          The service desk has your ticket {t.ticket_number}. You will be told here and by notification as it moves.
        </Alert>
      )}
      {withdraw.isError && (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={withdraw.error} title="The ticket was not withdrawn" />
        </div>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Paper withBorder radius="md" p="md">
              <Title order={2} size="h5" mb="xs">
                Description
              </Title>
              <Text size="sm" style={{ whiteSpace: "pre-wrap" }} c={t.description ? undefined : "dimmed"}>
                {t.description || "No description."}
              </Text>
            </Paper>
            <Paper withBorder radius="md" p="md">
              <CommentThread ticketNumber={t.ticket_number} />
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <Paper withBorder radius="md" p="md">
              <Stack gap="sm">
                <Fact label="Status">
                  <span aria-label={`Status: ${t.status}`}>
                    <StatusBadge status={t.status} />
                  </span>
                </Fact>
                <Fact label="Priority">
                  <PriorityBadge priority={t.priority} />
                </Fact>
                <Fact label="Department">{t.department || "—"}</Fact>
                <Fact label="Category">{[t.category, t.sub_category].filter(Boolean).join(" · ") || "—"}</Fact>
                {requester && me.user_type === "staff" && <Fact label="Requester">{requester.name || requester.email || `Employee ${requester.user_id}`}</Fact>}
                <Fact label="Last update">
                  <DateTime value={t.updated_at} />
                </Fact>
              </Stack>
            </Paper>
            <Paper withBorder radius="md" p="md">
              <Group justify="space-between" mb="xs">
                <Title order={2} size="h5">
                  Attachments{" "}
                  {attachments.length > 0 && (
                    <Badge variant="light" color="gray" size="sm">
                      {attachments.length}
                    </Badge>
                  )}
                </Title>
                {isRequester && (
                  <FileButton multiple onChange={(files) => files.length > 0 && upload.mutate(files)}>
                    {(props) => (
                      <Button {...props} size="compact-sm" variant="light" leftSection={<IconUpload size={14} />} loading={upload.isPending}>
                        Add files
                      </Button>
                    )}
                  </FileButton>
                )}
              </Group>
              {upload.isError && <ErrorAlert error={upload.error} title="A file was not attached" />}
              {attachments.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No files.
                </Text>
              ) : (
                <Stack gap={4}>
                  {attachments.map((a) => (
                    <Group key={a.id} gap={6} wrap="nowrap">
                      <IconPaperclip size={14} />
                      <Anchor size="sm" href={`${config().services.tickets}${a.url}`} download={a.file_name} lineClamp={1}>
                        {a.file_name}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {fileSize(a.size_bytes)}
                      </Text>
                    </Group>
                  ))}
                </Stack>
              )}
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Withdraw this ticket?" centered>
        <Stack>
          <Text size="sm">The service desk stops working on {t.ticket_number}. You can raise a new ticket at any time.</Text>
          {withdraw.isError && <ErrorAlert error={withdraw.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Keep it
            </Button>
            <Button color="red" loading={withdraw.isPending} onClick={() => withdraw.mutate(t.version)}>
              Withdraw
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

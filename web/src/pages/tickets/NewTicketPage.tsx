// New ticket: subject, description, department, category, priority and attachments. The form
// holds one idempotency key for its whole life, so a double click or a retry after a lost answer
// makes one ticket.
import { useRef, useState } from "react";
import { Alert, Autocomplete, Button, FileInput, Group, Paper, Select, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { IconPaperclip, IconSend } from "@tabler/icons-react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { useNavigate } from "react-router";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/api/clients";
import { isApiError } from "@/api/errors";
import { keys } from "@/api/keys";
import { ErrorAlert } from "@/components/ErrorAlert";
import { PageHeader } from "@/components/PageHeader";
import { attachToTicket } from "@/components/thread/upload";
import { newIdempotencyKey, suggestionsOf, TICKET_PRIORITIES } from "./model";
import { useMyTickets } from "./MyTicketsPage";

const schema = z.object({
  subject: z.string().trim().min(1, "Say in a few words what you need").max(255, "At most 255 characters"),
  description: z.string().max(20000, "At most 20,000 characters"),
  department: z.string().trim().max(255, "At most 255 characters"),
  category: z.string().trim().max(255, "At most 255 characters"),
  priority: z.enum(TICKET_PRIORITIES),
});
type Values = z.infer<typeof schema>;
const FIELDS: (keyof Values)[] = ["subject", "description", "department", "category", "priority"];

export function NewTicketPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const sending = useRef(false);
  const [files, setFiles] = useState<File[]>([]);
  const [attachError, setAttachError] = useState<{ ticket: string; error: unknown } | null>(null);
  const past = useMyTickets({});
  const pastRows = past.data?.pages.flatMap((p) => p.items) ?? [];
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { subject: "", description: "", department: "", category: "", priority: "Medium" },
  });
  const department = useWatch({ control: form.control, name: "department" });

  const create = useMutation({
    mutationFn: async (values: Values) => {
      const ticket = await unwrap(
        api().tickets.POST("/tickets/", {
          params: { header: { "Idempotency-Key": idempotencyKey } },
          body: {
            subject: values.subject.trim(),
            description: values.description,
            department: values.department.trim() || null,
            category: values.category.trim() || null,
            priority: values.priority,
          } as never,
        }),
      );
      return ticket as { ticket_number: string };
    },
    onError: (error) => {
      if (!isApiError(error)) return;
      // Refused as invalid: no ticket was made, and the corrected form is a different request.
      // (After a lost answer or a server error the key stays, so the retry cannot make a second.)
      if (error.code === "validation_failed") setIdempotencyKey(newIdempotencyKey());
      for (const f of error.fields) {
        if ((FIELDS as string[]).includes(f.field)) form.setError(f.field as keyof Values, { type: "server", message: f.message });
      }
    },
  });

  const send = async (values: Values) => {
    // The key makes a repeated request harmless; this spares sending it twice from one form.
    if (sending.current) return;
    sending.current = true;
    const ticket = await create.mutateAsync(values).catch(() => null);
    sending.current = false;
    if (!ticket) return;
    void queryClient.invalidateQueries({ queryKey: keys.myTicketsAll });
    for (const file of files) {
      try {
        await attachToTicket(ticket.ticket_number, file);
      } catch (error) {
        setAttachError({ ticket: ticket.ticket_number, error });
        return;
      }
    }
    navigate(`/tickets/${encodeURIComponent(ticket.ticket_number)}`, { replace: true, state: { created: true } });
  };

  const departments = suggestionsOf(pastRows.map((t) => t.department));
  const categories = suggestionsOf(pastRows.filter((t) => !department || t.department === department).map((t) => t.category));
  const fieldError = (name: keyof Values) => form.formState.errors[name]?.message;
  const busy = form.formState.isSubmitting || create.isPending;

  return (
    <>
      <PageHeader title="New ticket" description="Tell the service desk what you need; you can follow every step on the ticket's page." />
      <Paper withBorder radius="md" p="lg" maw={760} component="form" onSubmit={(event: React.FormEvent<HTMLFormElement>) => void form.handleSubmit(send)(event)} noValidate aria-label="New ticket">
        <Stack gap="md">
          <TextInput label="Subject" required placeholder="e.g. Laptop will not boot" {...form.register("subject")} error={fieldError("subject")} />
          <Textarea
            label="Description"
            placeholder="What happened, since when, what you tried…"
            autosize
            minRows={5}
            maxRows={16}
            {...form.register("description")}
            error={fieldError("description")}
          />
          <Group grow align="flex-start">
            <Controller
              control={form.control}
              name="department"
              render={({ field }) => (
                <Autocomplete
                  label="Department"
                  placeholder="e.g. IT Department"
                  data={departments}
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  error={fieldError("department")}
                />
              )}
            />
            <Controller
              control={form.control}
              name="category"
              render={({ field }) => (
                <Autocomplete
                  label="Category"
                  placeholder="e.g. IT Support"
                  data={categories}
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  error={fieldError("category")}
                />
              )}
            />
          </Group>
          <Controller
            control={form.control}
            name="priority"
            render={({ field }) => (
              <Select
                label="Priority"
                data={[...TICKET_PRIORITIES]}
                value={field.value}
                onChange={(v) => field.onChange(v ?? "Medium")}
                allowDeselect={false}
                error={fieldError("priority")}
                maw={240}
              />
            )}
          />
          <FileInput
            label="Attachments"
            placeholder="Screenshots, documents…"
            multiple
            clearable
            leftSection={<IconPaperclip size={16} />}
            value={files}
            onChange={setFiles}
          />
          {create.isError && <ErrorAlert error={create.error} title="The ticket was not created" />}
          {attachError && (
            <Alert color="orange" title={`Ticket ${attachError.ticket} was created, but a file was not attached`}>
              <Stack gap="xs">
                <ErrorAlert error={attachError.error} />
                <Text size="sm">You can add the files again on the ticket's page.</Text>
                <Button variant="light" w="fit-content" onClick={() => navigate(`/tickets/${encodeURIComponent(attachError.ticket)}`)}>
                  Open ticket {attachError.ticket}
                </Button>
              </Stack>
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => navigate("/tickets")} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} disabled={attachError !== null} leftSection={<IconSend size={16} />}>
              Submit ticket
            </Button>
          </Group>
        </Stack>
      </Paper>
    </>
  );
}

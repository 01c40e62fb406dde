// The buttons for what the caller may do now, each opening a small form asking for what the
// action needs. After an answer the task is shown as the service returned it; a refusal (403,
// 409, 422) is shown as the service worded it, and a 409 also reloads the task, since someone
// else changed it.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useForm, Controller } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Button, Group, Modal, Select, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle, IconCheck } from "@tabler/icons-react";
import { api, unwrap } from "@/api/clients";
import { isApiError, type ApiError } from "@/api/errors";
import { keys } from "@/api/keys";
import type { TaskView } from "@/api/types";
import { ErrorAlert } from "@/components/ErrorAlert";
import { useMe } from "@/auth/session";
import {
  actionSchema,
  actionSpecs,
  EMPTY_VALUES,
  performAction,
  type ActionSpec,
  type ActionValues,
} from "./actions";

export function ActionPanel({
  task,
  stepNames,
}: {
  task: TaskView;
  stepNames: Record<string, string>;
}) {
  const specs = actionSpecs(task.available_actions, stepNames);
  const [open, setOpen] = useState<ActionSpec | null>(null);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const queryClient = useQueryClient();

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: keys.task(task.id) }),
      queryClient.invalidateQueries({ queryKey: keys.myWorkAll }),
      queryClient.invalidateQueries({ queryKey: keys.ticket(task.ticket_number) }),
    ]);

  return (
    <Stack gap="sm">
      {refusal && (
        <div>
          <ErrorAlert error={refusal} />
          {refusal.status === 409 && (
            <Text size="xs" c="dimmed" mt={4}>
              The task below is shown as it is now.
            </Text>
          )}
        </div>
      )}
      {specs.length === 0 ? (
        <Text size="sm" c="dimmed">
          {task.status === "active"
            ? "Nothing for you to do on this task right now."
            : `This task is ${task.status}; no actions remain.`}
        </Text>
      ) : (
        <Stack gap="xs">
          {specs.map((spec) => (
            <Button
              key={`${spec.kind}:${spec.transitionId ?? ""}`}
              variant={spec.tone === "primary" ? "filled" : spec.tone === "danger" ? "light" : "default"}
              color={spec.tone === "danger" ? "red" : undefined}
              fullWidth
              justify="flex-start"
              onClick={() => {
                setRefusal(null);
                setOpen(spec);
              }}
            >
              {spec.label}
            </Button>
          ))}
        </Stack>
      )}
      {open && (
        <ActionDialog
          key={`${open.kind}:${open.transitionId ?? ""}`}
          task={task}
          spec={open}
          onClose={() => setOpen(null)}
          onDone={(fresh) => {
            setOpen(null);
            queryClient.setQueryData(keys.task(task.id), fresh);
            void refresh();
            notifications.show({ color: "teal", icon: <IconCheck size={16} />, message: `${open.label}: done` });
          }}
          onRefused={(error) => {
            // Not about the form: show it beside the buttons and show the task as it is now.
            setOpen(null);
            setRefusal(error);
            void refresh();
          }}
        />
      )}
    </Stack>
  );
}

function ActionDialog({
  task,
  spec,
  onClose,
  onDone,
  onRefused,
}: {
  task: TaskView;
  spec: ActionSpec;
  onClose: () => void;
  onDone: (task: TaskView) => void;
  onRefused: (error: ApiError) => void;
}) {
  const form = useForm<ActionValues>({
    defaultValues: EMPTY_VALUES,
    resolver: zodResolver(actionSchema(spec)),
  });
  const [formError, setFormError] = useState<unknown>(null);
  const mutation = useMutation({
    mutationFn: (values: ActionValues) => performAction(task.id, spec, values),
    onSuccess: onDone,
    onError: (error) => {
      if (isApiError(error) && (error.status === 403 || error.status === 409 || error.status === 404)) {
        onRefused(error);
        return;
      }
      if (isApiError(error)) {
        for (const f of error.fields) {
          if (spec.fields.includes(f.field as never)) {
            form.setError(f.field as keyof ActionValues, { type: "server", message: f.message });
          }
        }
      }
      setFormError(error);
    },
  });
  const submit = form.handleSubmit((values) => {
    setFormError(null);
    mutation.mutate(values);
  });
  const errors = form.formState.errors;
  return (
    <Modal opened onClose={onClose} title={spec.title} centered size="md">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {spec.description}
          </Text>
          {formError !== null && <ErrorAlert error={formError} />}
          {spec.fields.includes("status") && (
            <Controller
              control={form.control}
              name="status"
              render={({ field }) => (
                <Select
                  label="Waiting for"
                  placeholder="Choose"
                  withAsterisk
                  data={[
                    { value: "On Hold", label: "On hold — someone other than the requester" },
                    { value: "Pending", label: "Pending — the requester (they get your notes)" },
                  ]}
                  value={field.value || null}
                  onChange={(v) => field.onChange(v ?? "")}
                  error={errors.status?.message}
                />
              )}
            />
          )}
          {spec.fields.includes("user_id") && <TransferSelect task={task} control={form.control} error={errors.user_id?.message} />}
          {spec.fields.includes("reason") && (
            <Textarea
              label="Reason"
              withAsterisk
              autosize
              minRows={3}
              data-autofocus
              {...form.register("reason")}
              error={errors.reason?.message}
            />
          )}
          {spec.fields.includes("notes") && (
            <Textarea
              label={spec.notesRequired ? "Notes" : "Notes (optional)"}
              withAsterisk={spec.notesRequired}
              autosize
              minRows={3}
              data-autofocus
              {...form.register("notes")}
              error={errors.notes?.message}
            />
          )}
          {spec.confirmOnly && <Text size="sm">Continue?</Text>}
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending} color={spec.tone === "danger" ? "red" : undefined}>
              {spec.label}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Active members of the current step's role, except whoever holds the step now. */
function TransferSelect({
  task,
  control,
  error,
}: {
  task: TaskView;
  control: ReturnType<typeof useForm<ActionValues>>["control"];
  error?: string;
}) {
  const me = useMe();
  const roleId = Number((task.current_step as { role_id?: unknown }).role_id);
  const holder = currentItem(task)?.assignee_id;
  const role = useQuery({
    queryKey: keys.role(roleId),
    queryFn: () => unwrap(api().workflow.GET("/roles/{role_id}/", { params: { path: { role_id: roleId } } })),
    enabled: Number.isInteger(roleId),
  });
  const members = (role.data?.members ?? [])
    .filter((m) => m.is_active && m.user_id !== holder)
    .map((m) => ({
      value: String(m.user_id),
      label: `${m.user_full_name ?? `Staff #${m.user_id}`}${m.user_id === me.user_id ? " (you)" : ""}`,
    }));
  if (role.isError) return <ErrorAlert error={role.error} title="The role's members could not be loaded" />;
  return (
    <Controller
      control={control}
      name="user_id"
      render={({ field }) => (
        <Select
          label="Transfer to"
          placeholder={role.isPending ? "Loading members…" : members.length ? "Choose a colleague" : "No other active member"}
          withAsterisk
          searchable
          disabled={role.isPending || members.length === 0}
          data={members}
          value={field.value || null}
          onChange={(v) => field.onChange(v ?? "")}
          error={error}
          leftSection={members.length === 0 && !role.isPending ? <IconAlertTriangle size={14} /> : undefined}
        />
      )}
    />
  );
}

/** The item that holds the task now: the newest one still open. */
export function currentItem(task: TaskView) {
  const open = task.items.filter((i) => i.status === "new" || i.status === "in_progress" || i.status === "breached");
  return open[open.length - 1] ?? null;
}

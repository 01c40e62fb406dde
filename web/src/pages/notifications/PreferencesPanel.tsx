// Which notifications the caller gets, per type and channel (in the console, by e-mail).
import { Paper, Switch, Table, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/api/clients";
import { keys } from "@/api/keys";
import { itemsOf } from "@/components/thread/staff";
import { ErrorAlert } from "@/components/ErrorAlert";
import { LoadingState } from "@/components/States";
import { typeWords } from "./model";

interface Preference {
  notification_type: string;
  in_app: boolean;
  email: boolean;
}

export function PreferencesPanel() {
  const queryClient = useQueryClient();
  const prefs = useQuery({
    queryKey: keys.notificationPreferences,
    queryFn: async () => itemsOf<Preference>(await unwrap(api().notifications.GET("/preferences/"))),
  });
  const save = useMutation({
    mutationFn: async (p: Preference) =>
      itemsOf<Preference>(
        await unwrap(
          api().notifications.PUT("/preferences/", {
            body: [{ notification_type: p.notification_type, in_app: p.in_app, email: p.email }] as never,
          }),
        ),
      ),
    onSuccess: (all) => queryClient.setQueryData(keys.notificationPreferences, all),
  });

  if (prefs.isPending) return <LoadingState label="Loading preferences…" />;
  if (prefs.isError) return <ErrorAlert error={prefs.error} onRetry={() => void prefs.refetch()} />;

  const change = (p: Preference, channel: "in_app" | "email", on: boolean) => save.mutate({ ...p, [channel]: on });
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="sm" c="dimmed" mb="sm">
        Choose how you hear of each kind of event. Changes are saved at once.
      </Text>
      {save.isError && <ErrorAlert error={save.error} />}
      <Table striped highlightOnHover aria-label="Notification preferences">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Notification</Table.Th>
            <Table.Th>In the console</Table.Th>
            <Table.Th>By e-mail</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {prefs.data.map((p) => (
            <Table.Tr key={p.notification_type}>
              <Table.Td>{typeWords(p.notification_type)}</Table.Td>
              <Table.Td>
                <Switch
                  checked={p.in_app}
                  onChange={(e) => change(p, "in_app", e.currentTarget.checked)}
                  aria-label={`${typeWords(p.notification_type)} in the console`}
                  disabled={save.isPending}
                />
              </Table.Td>
              <Table.Td>
                <Switch
                  checked={p.email}
                  onChange={(e) => change(p, "email", e.currentTarget.checked)}
                  aria-label={`${typeWords(p.notification_type)} by e-mail`}
                  disabled={save.isPending}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

// Sign-in. In production the organisation's auth service sets the session cookie and this page
// only points there. With demo sign-in enabled (development and the demo) it lists the demo
// people and signs in as one of them through the workflow API, which sets the same cookie.
import { useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  Anchor,
  Avatar,
  Badge,
  Box,
  Button,
  Card,
  Center,
  Container,
  Group,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { IconClockExclamation, IconLogin } from "@tabler/icons-react";
import { demoSignIn, fetchDemoPeople, fetchMe, type DemoPerson } from "@/api/session";
import { keys } from "@/api/keys";
import { config } from "@/config";
import { homePath } from "@/navigation";
import { Brand } from "@/components/Brand";
import { ErrorAlert } from "@/components/ErrorAlert";
import { LoadingState } from "@/components/States";

const GROUPS: { title: string; test: (p: DemoPerson) => boolean }[] = [
  { title: "Administration", test: (p) => p.roles.some((r) => r.role === "Admin") },
  { title: "Coordinators", test: (p) => p.roles.some((r) => r.role.includes("Coordinator")) },
  { title: "Agents and specialists", test: (p) => p.user_type === "staff" },
  { title: "Requesters", test: () => true },
];

/** Demo people in groups, each person in the first group that fits. */
export function groupPeople(people: DemoPerson[]): { title: string; people: DemoPerson[] }[] {
  const placed = new Set<string>();
  return GROUPS.map((g) => {
    const members = people.filter((p) => !placed.has(p.key) && g.test(p));
    members.forEach((p) => placed.add(p.key));
    return { title: g.title, people: members };
  }).filter((g) => g.people.length > 0);
}

function roleLine(p: DemoPerson): string {
  const roles = p.roles.filter((r) => r.system === "tts").map((r) => r.role);
  return p.title || (roles.length ? roles.join(", ") : p.user_type === "employee" ? "Requester" : "Staff");
}

export function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const expired = params.get("expired") === "1";
  const next = params.get("next");
  const people = useQuery({ queryKey: keys.demoPeople, queryFn: fetchDemoPeople, retry: false });
  const [chosen, setChosen] = useState<string | null>(null);
  const signIn = useMutation({
    mutationFn: async (key: string) => {
      await demoSignIn(key);
      return fetchMe();
    },
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(keys.me, me);
      const target = next && next.startsWith("/") && !next.startsWith("//") ? next : homePath(me);
      navigate(target, { replace: true });
    },
  });

  return (
    <Box bg="gray.0" mih="100vh">
      <Container size="md" py={48}>
        <Stack gap="lg">
          <Group justify="center">
            <Brand />
          </Group>
          <Card withBorder radius="md" p="xl" shadow="sm">
            <Stack gap="md">
              <Title order={1} size="h2" ta="center">
                Sign in
              </Title>
              {expired && (
                <Alert color="yellow" icon={<IconClockExclamation size={18} />} title="Your session has ended" role="status">
                  Sign in again to continue where you were.
                </Alert>
              )}
              {signIn.isError && <ErrorAlert error={signIn.error} title="Sign-in failed" />}
              {people.isPending && <LoadingState label="Loading sign-in options…" />}
              {people.isError && (
                <ErrorAlert error={people.error} title="Sign-in options could not be loaded" onRetry={() => void people.refetch()} />
              )}
              {people.data === null && <ExternalSignIn />}
              {people.data && people.data.length === 0 && (
                <Text c="dimmed" ta="center">
                  Demo sign-in is on, but no demo people are loaded. Run <code>tts demo</code>.
                </Text>
              )}
              {people.data && people.data.length > 0 && (
                <Stack gap="lg">
                  <Text size="sm" c="dimmed" ta="center">
                    Demo sign-in: choose who you are. Development and demonstration only.
                  </Text>
                  {groupPeople(people.data).map((group) => (
                    <section key={group.title} aria-label={group.title}>
                    <Stack gap="xs">
                      <Title order={2} size="h5" c="dimmed" tt="uppercase">
                        {group.title}
                      </Title>
                      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                        {group.people.map((p) => (
                          <Card key={p.key} withBorder radius="md" padding="sm">
                            <Group justify="space-between" wrap="nowrap">
                              <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
                                <Avatar color={p.user_type === "staff" ? "blue" : "teal"} radius="xl">
                                  {p.full_name
                                    .split(" ")
                                    .map((w) => w[0])
                                    .join("")
                                    .slice(0, 2)}
                                </Avatar>
                                <Stack gap={0}>
                                  <Text fw={600} size="sm">
                                    {p.full_name}
                                  </Text>
                                  <Text size="xs" c="dimmed">
                                    {roleLine(p)}
                                  </Text>
                                </Stack>
                              </Group>
                              <Button
                                size="xs"
                                variant="light"
                                style={{ flexShrink: 0 }}
                                leftSection={<IconLogin size={14} />}
                                aria-label={`Sign in as ${p.full_name}`}
                                loading={signIn.isPending && chosen === p.key}
                                disabled={signIn.isPending && chosen !== p.key}
                                onClick={() => {
                                  setChosen(p.key);
                                  signIn.mutate(p.key);
                                }}
                              >
                                Sign in
                              </Button>
                            </Group>
                          </Card>
                        ))}
                      </SimpleGrid>
                    </Stack>
                    </section>
                  ))}
                </Stack>
              )}
            </Stack>
          </Card>
          <Center>
            <Badge variant="light" color="gray">
              TTS service console
            </Badge>
          </Center>
        </Stack>
      </Container>
    </Box>
  );
}

function ExternalSignIn() {
  const url = config().signInUrl;
  return (
    <Stack align="center" gap="xs">
      <Text ta="center">Sign in with your organisation's account, then come back to this page.</Text>
      {url ? (
        <Anchor href={url}>Go to the sign-in page</Anchor>
      ) : (
        <Text size="sm" c="dimmed" ta="center">
          Your organisation's sign-in service sets the session for the console.
        </Text>
      )}
    </Stack>
  );
}

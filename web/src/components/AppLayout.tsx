import { AppShell, Avatar, Burger, Group, Menu, NavLink, Text, UnstyledButton, Badge, Stack } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconChevronDown, IconLogout } from "@tabler/icons-react";
import { NavLink as RouterNavLink, Outlet, useLocation, useNavigate } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { notifications } from "@mantine/notifications";
import { useMe } from "@/auth/session";
import { signOut, type Me } from "@/api/session";
import { navigationFor } from "@/navigation";
import { NotificationBell } from "@/components/NotificationBell";
import { Brand } from "@/components/Brand";

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? "")
    .join("");
}

export function displayName(me: Me): string {
  return me.full_name || me.username || me.email || `${me.user_type} ${me.user_id}`;
}

export function roleWords(me: Me): string {
  const roles = me.roles.filter((r) => r.system === "tts").map((r) => r.role);
  if (me.is_admin && !roles.includes("Admin")) roles.unshift("Admin");
  if (roles.length === 0) return me.user_type === "employee" ? "Requester" : "Staff";
  return roles.join(", ");
}

function UserMenu() {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const name = displayName(me);
  const leave = async () => {
    try {
      await signOut();
    } catch (error) {
      notifications.show({
        color: "red",
        title: "Sign-out failed",
        message: error instanceof Error ? error.message : String(error),
      });
      return;
    }
    queryClient.clear();
    navigate("/sign-in", { replace: true });
  };
  return (
    <Menu position="bottom-end" withArrow width={240}>
      <Menu.Target>
        <UnstyledButton aria-label={`Account: ${name}`} px="xs" py={4} style={{ borderRadius: 8 }}>
          <Group gap="xs" wrap="nowrap">
            <Avatar color="blue" radius="xl" size={32}>
              {initials(name)}
            </Avatar>
            <Stack gap={0} visibleFrom="sm">
              <Text size="sm" fw={600} lh={1.2}>
                {name}
              </Text>
              <Text size="xs" c="dimmed" lh={1.2}>
                {roleWords(me)}
              </Text>
            </Stack>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Signed in as</Menu.Label>
        <Stack gap={2} px="sm" pb="xs">
          <Text size="sm" fw={600}>
            {name}
          </Text>
          {me.email && (
            <Text size="xs" c="dimmed">
              {me.email}
            </Text>
          )}
          <Group gap={4}>
            <Badge size="xs" variant="light">
              {me.user_type === "staff" ? "Staff" : "Employee"}
            </Badge>
            <Badge size="xs" variant="outline">
              {roleWords(me)}
            </Badge>
          </Group>
        </Stack>
        <Menu.Divider />
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void leave()}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** The frame of every signed-in page: header (brand, bell, account), navigation, content. */
export function AppLayout() {
  const me = useMe();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Brand />
          </Group>
          <Group gap="xs" wrap="nowrap">
            <NotificationBell />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        {navigationFor(me).map((entry) => (
          <NavLink
            key={entry.to}
            component={RouterNavLink}
            to={entry.to}
            end
            label={entry.label}
            leftSection={entry.icon}
            active={location.pathname === entry.to}
            onClick={close}
            style={{ borderRadius: 6 }}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

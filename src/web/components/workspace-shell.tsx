import { AppShell, Box, Burger, Group, Modal, NavLink, ScrollArea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBook } from '@tabler/icons-react';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useParams } from 'react-router';
import { useSession } from '../api/use-session.ts';
import { useWorkspaces } from '../api/use-workspaces.ts';
import { rememberWorkspace } from '../lib/workspace-storage.ts';
import { NotFoundPage } from '../pages/not-found-page.tsx';
import { CreateWorkspaceForm } from './create-workspace-form.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { Logo } from './logo.tsx';
import { NAV_ITEMS } from './nav-items.ts';
import { NotificationBell } from './notification-bell.tsx';
import { ErrorState, LoadingState } from './query-state.tsx';
import { UserMenu } from './user-menu.tsx';
import { WorkspaceContext } from './workspace-context.ts';
import { WorkspaceSwitcher } from './workspace-switcher.tsx';

/** The signed-in frame: header, navigation and the page of the current workspace. */
export function WorkspaceShell() {
  const { t } = useTranslation();
  const { workspaceId = '' } = useParams();
  const location = useLocation();
  const session = useSession();
  const workspaces = useWorkspaces();
  const [navOpen, nav] = useDisclosure(false);
  const [createOpen, create] = useDisclosure(false);

  const workspace = workspaces.data?.find((candidate) => candidate.id === workspaceId);
  const user = session.data?.user;
  const context = useMemo(
    () => (workspace && user ? { workspace, user } : null),
    [workspace, user],
  );

  useEffect(() => {
    if (workspace) rememberWorkspace(workspace.id);
  }, [workspace]);

  // On phones the navbar covers the page, so close it once a link has been followed.
  useEffect(() => {
    nav.close();
  }, [location.pathname]);

  if (workspaces.isPending) return <LoadingState minHeight={320} />;
  if (workspaces.isError) {
    return (
      <Box p="xl" maw={560} mx="auto">
        <ErrorState error={workspaces.error} onRetry={() => void workspaces.refetch()} />
      </Box>
    );
  }
  // A workspace created or joined moments ago may be missing from a list that is refetching.
  if (!context && workspaces.isFetching) return <LoadingState minHeight={320} />;
  if (!context || !user) return <NotFoundPage />;

  const base = `/w/${context.workspace.id}`;
  const items = NAV_ITEMS.filter(
    (item) => !item.permission || context.workspace.permissions.includes(item.permission),
  );
  const matches = (path: string) => {
    const target = path ? `${base}/${path}` : base;
    return path
      ? location.pathname === target || location.pathname.startsWith(`${target}/`)
      : location.pathname === target;
  };
  // Nested entries (settings/approvals) win over their parent (settings).
  const activePath = items
    .map((item) => item.path)
    .filter(matches)
    .sort((a, b) => b.length - a.length)[0];
  const isActive = (path: string) => path === activePath;

  return (
    <WorkspaceContext value={context}>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
        padding={{ base: 'sm', sm: 'lg' }}
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap" miw={0}>
              <Burger
                opened={navOpen}
                onClick={nav.toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={t('nav.toggle')}
              />
              <Box visibleFrom="xs">
                <Logo />
              </Box>
              <WorkspaceSwitcher
                current={context.workspace}
                workspaces={workspaces.data}
                onCreate={create.open}
              />
            </Group>
            <Group gap="sm" wrap="nowrap">
              <Box visibleFrom="sm">
                <LanguageSwitch />
              </Box>
              <NotificationBell workspaceId={context.workspace.id} />
              <UserMenu user={user} accountPath={`${base}/account`} />
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar p="sm">
          <AppShell.Section grow component={ScrollArea}>
            <nav aria-label={t('shell.workspace')}>
              {items.map((item) => (
                <NavLink
                  key={item.path}
                  component={Link}
                  to={item.path ? `${base}/${item.path}` : base}
                  label={t(item.labelKey)}
                  leftSection={<item.icon size={18} stroke={1.7} />}
                  active={isActive(item.path)}
                  variant="light"
                  style={{ borderRadius: 'var(--mantine-radius-md)' }}
                />
              ))}
            </nav>
          </AppShell.Section>
          <AppShell.Section>
            <NavLink
              href="/api/docs"
              target="_blank"
              rel="noreferrer"
              label={t('nav.apiDocs')}
              leftSection={<IconBook size={18} stroke={1.7} />}
              style={{ borderRadius: 'var(--mantine-radius-md)' }}
            />
          </AppShell.Section>
        </AppShell.Navbar>

        <AppShell.Main bg="var(--mantine-color-gray-0)">
          <Box maw={1200} mx="auto">
            <Outlet />
          </Box>
        </AppShell.Main>
      </AppShell>

      <Modal opened={createOpen} onClose={create.close} title={t('createWorkspace.title')}>
        <CreateWorkspaceForm onCancel={create.close} />
      </Modal>
    </WorkspaceContext>
  );
}

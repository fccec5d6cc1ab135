import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useCurrentWorkspace } from './workspace-context.ts';

const TABS = [
  { path: 'routing', label: 'routing.tabs.rules' },
  { path: 'routing/teams', label: 'routing.tabs.teams' },
  { path: 'routing/sla', label: 'routing.tabs.sla' },
  { path: 'routing/sla/report', label: 'routing.tabs.slaReport' },
  { path: 'routing/csat', label: 'routing.tabs.csat' },
  { path: 'canned-replies', label: 'routing.tabs.canned' },
] as const;

/** The pages of inbox routing as tabs, so a lead moves between rules, teams, SLA and CSAT. */
export function RoutingTabs() {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const navigate = useNavigate();
  const location = useLocation();
  const prefix = `/w/${workspace.id}/`;
  const current = location.pathname.startsWith(prefix)
    ? location.pathname.slice(prefix.length).replace(/\/$/, '')
    : '';
  return (
    <Tabs
      value={current}
      onChange={(value) => value && void navigate(`${prefix}${value}`)}
      mb="lg"
      keepMounted={false}
    >
      <Tabs.List>
        {TABS.map((tab) => (
          <Tabs.Tab key={tab.path} value={tab.path}>
            {t(tab.label)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}

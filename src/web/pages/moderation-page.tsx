import { Alert, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ModerationListsPanel } from '../components/moderation-lists-panel.tsx';
import { ModerationReviewQueue } from '../components/moderation-review-queue.tsx';
import { ModerationTestPanel } from '../components/moderation-test-panel.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { RequirePermission } from '../components/require-permission.tsx';
import { useCurrentWorkspace } from '../components/workspace-context.ts';

type View = 'queue' | 'lists' | 'test';
const VIEWS: readonly View[] = ['queue', 'lists', 'test'];

/** Moderation: the review queue, the word lists, and a box to test text against them. */
export function ModerationPage() {
  return (
    <RequirePermission permission="posts.read">
      <ModerationContent />
    </RequirePermission>
  );
}

function ModerationContent() {
  const { t } = useTranslation();
  const { can } = useCurrentWorkspace();
  const [params, setParams] = useSearchParams();
  const requested = params.get('view') as View | null;
  const view: View = requested && VIEWS.includes(requested) ? requested : 'queue';
  const listId = params.get('list');

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (old) => {
        const next = new URLSearchParams(old);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeader title={t('moderation.title')} description={t('moderation.subtitle')} />
      {!can('moderation.manage') && (
        <Alert color="gray" mb="md">
          {t('moderation.readOnly')}
        </Alert>
      )}
      <Tabs
        value={view}
        onChange={(value) => update({ view: value === 'queue' ? null : value })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="queue">{t('moderation.tabs.queue')}</Tabs.Tab>
          <Tabs.Tab value="lists">{t('moderation.tabs.lists')}</Tabs.Tab>
          <Tabs.Tab value="test">{t('moderation.tabs.test')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="queue">
          <ModerationReviewQueue onShowLists={() => update({ view: 'lists' })} />
        </Tabs.Panel>
        <Tabs.Panel value="lists">
          <ModerationListsPanel selectedId={listId} onSelect={(id) => update({ list: id })} />
        </Tabs.Panel>
        <Tabs.Panel value="test">
          <ModerationTestPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes, useLocation, useNavigate } from 'react-router';
import { setUnauthenticatedHandler } from './api/client.ts';
import { queryClient } from './api/query-client.ts';
import { sessionKey, useSession } from './api/use-session.ts';
import { RequireSession } from './components/require-session.tsx';
import { WorkspaceShell } from './components/workspace-shell.tsx';
import { setLanguage } from './i18n/i18n.ts';
import { AccountPage } from './pages/account-page.tsx';
import { AccountRedirect } from './pages/account-redirect.tsx';
import { ApprovalsPage } from './pages/approvals-page.tsx';
import { AuditPage } from './pages/audit-page.tsx';
import { CalendarPage } from './pages/calendar-page.tsx';
import { ChannelsPage } from './pages/channels-page.tsx';
import { AnalyticsImportsPage } from './pages/analytics-imports-page.tsx';
import { AnalyticsKpisPage } from './pages/analytics-kpis-page.tsx';
import { ContentPage } from './pages/content-page.tsx';
import { MediaPage } from './pages/media-page.tsx';
import { ModerationPage } from './pages/moderation-page.tsx';
import { CreateWorkspacePage } from './pages/create-workspace-page.tsx';
import { InboxPage } from './pages/inbox-page.tsx';
import { InvitePage } from './pages/invite-page.tsx';
import { JobsPage } from './pages/jobs-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { MembersPage } from './pages/members-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { OverviewPage } from './pages/overview-page.tsx';
import { PostDetailPage } from './pages/post-detail-page.tsx';
import { PostEditorPage } from './pages/post-editor-page.tsx';
import { PostsPage } from './pages/posts-page.tsx';
import { PublicSurveyPage } from './pages/public-survey-page.tsx';
import { PublicBoardPage } from './pages/public-board-page.tsx';
import { PublicFeedbackFormPage } from './pages/public-feedback-form-page.tsx';
import { FeedbackPage } from './pages/feedback-page.tsx';
import { FeedbackReportPage } from './pages/feedback-report-page.tsx';
import { FeedbackSettingsPage } from './pages/feedback-settings-page.tsx';
import { FeedbackTicketPage } from './pages/feedback-ticket-page.tsx';
import { CannedRepliesPage } from './pages/canned-replies-page.tsx';
import { CsatPage } from './pages/csat-page.tsx';
import { RoutingRulesPage } from './pages/routing-rules-page.tsx';
import { RoutingTeamsPage } from './pages/routing-teams-page.tsx';
import { SlaPoliciesPage } from './pages/sla-policies-page.tsx';
import { SlaReportPage } from './pages/sla-report-page.tsx';
import { RolesPage } from './pages/roles-page.tsx';
import { RootRedirect } from './pages/root-redirect.tsx';
import { SetupPage } from './pages/setup-page.tsx';
import { TokensPage } from './pages/tokens-page.tsx';
import { WorkspaceSettingsPage } from './pages/workspace-settings-page.tsx';
import { theme } from './theme.ts';

/** Routes an expired session to sign-in without reloading the app. */
function UnauthenticatedRedirect() {
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      queryClient.setQueryData(sessionKey, null);
      const next = `${location.pathname}${location.search}`;
      void navigate(`/login?next=${encodeURIComponent(next)}`, { replace: true });
    });
  }, [navigate, location]);
  return null;
}

/** The account's saved language wins over the browser's once we know who is signed in. */
function SessionLanguage() {
  const session = useSession();
  const locale = session.data?.user.locale;
  useEffect(() => {
    if (locale) setLanguage(locale);
  }, [locale]);
  return null;
}

function DocumentTitle() {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('app.name');
  }, [t]);
  return null;
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <MantineProvider theme={theme} defaultColorScheme="light">
        <ModalsProvider>
          <Notifications position="top-right" />
          <BrowserRouter>
            <UnauthenticatedRedirect />
            <SessionLanguage />
            <DocumentTitle />
            <Routes>
              <Route path="/setup" element={<SetupPage />} />
              <Route path="/login" element={<LoginPage />} />
              <Route path="/invite/:token" element={<InvitePage />} />
              <Route path="/s/:token" element={<PublicSurveyPage />} />
              <Route path="/f/:slug" element={<PublicFeedbackFormPage />} />
              <Route path="/b/:slug" element={<PublicBoardPage />} />
              <Route element={<RequireSession />}>
                <Route index element={<RootRedirect />} />
                <Route path="/workspaces/new" element={<CreateWorkspacePage />} />
                <Route path="/account" element={<AccountRedirect />} />
                <Route path="/w/:workspaceId" element={<WorkspaceShell />}>
                  <Route index element={<OverviewPage />} />
                  <Route path="calendar" element={<CalendarPage />} />
                  <Route path="posts" element={<PostsPage />} />
                  <Route path="posts/new" element={<PostEditorPage />} />
                  <Route path="posts/:postId" element={<PostDetailPage />} />
                  <Route path="posts/:postId/edit" element={<PostEditorPage />} />
                  <Route path="content" element={<ContentPage />} />
                  <Route path="feedback" element={<FeedbackPage />} />
                  <Route path="feedback/report" element={<FeedbackReportPage />} />
                  <Route path="feedback/settings" element={<FeedbackSettingsPage />} />
                  <Route path="feedback/:ticketId" element={<FeedbackTicketPage />} />
                  <Route path="inbox" element={<InboxPage />} />
                  <Route path="routing" element={<RoutingRulesPage />} />
                  <Route path="routing/teams" element={<RoutingTeamsPage />} />
                  <Route path="routing/sla" element={<SlaPoliciesPage />} />
                  <Route path="routing/sla/report" element={<SlaReportPage />} />
                  <Route path="routing/csat" element={<CsatPage />} />
                  <Route path="canned-replies" element={<CannedRepliesPage />} />
                  <Route path="media" element={<MediaPage />} />
                  <Route path="moderation" element={<ModerationPage />} />
                  <Route path="channels" element={<ChannelsPage />} />
                  <Route path="analytics/kpis" element={<AnalyticsKpisPage />} />
                  <Route path="analytics/imports" element={<AnalyticsImportsPage />} />
                  <Route path="members" element={<MembersPage />} />
                  <Route path="roles" element={<RolesPage />} />
                  <Route path="tokens" element={<TokensPage />} />
                  <Route path="audit" element={<AuditPage />} />
                  <Route path="jobs" element={<JobsPage />} />
                  <Route path="settings" element={<WorkspaceSettingsPage />} />
                  <Route path="settings/approvals" element={<ApprovalsPage />} />
                  <Route path="account" element={<AccountPage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Route>
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          </BrowserRouter>
        </ModalsProvider>
      </MantineProvider>
    </QueryClientProvider>
  );
}

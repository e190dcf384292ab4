import { AppShell, Center, Loader, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Outlet, Route, Routes } from 'react-router';
import { HOME_PATH, LoginPage, RequireRole, RequireSession, UserMenu, useSessionAcrossTabs } from '../auth';
import { AgentConsolePage } from '../pages/agent/agent-console-page';
import { Navigation } from './navigation';
import { theme } from './theme';

// One chunk per page: opening the editor does not load the charts, the settings forms or the call pages. The agent
// console comes with the app: its sound state depends on when its audio output is made, and loaded lazily the live
// browser spec's agent found no "Enable sound" button. It is small; its phone is still loaded when used.
const AnalyticsPage = lazy(() => import('../pages/analytics/analytics-page').then((page) => ({ default: page.AnalyticsPage })));
const CallHistoryPage = lazy(() => import('../pages/calls/call-history-page').then((page) => ({ default: page.CallHistoryPage })));
const CallReplayPage = lazy(() => import('../pages/calls/call-replay-page').then((page) => ({ default: page.CallReplayPage })));
const FlowEditorPage = lazy(() => import('../pages/flows/flow-editor-page').then((page) => ({ default: page.FlowEditorPage })));
const FlowsListPage = lazy(() => import('../pages/flows/flows-list-page').then((page) => ({ default: page.FlowsListPage })));
const LiveMonitorPage = lazy(() => import('../pages/live/live-monitor-page').then((page) => ({ default: page.LiveMonitorPage })));
const SettingsPage = lazy(() => import('../pages/settings/settings-page').then((page) => ({ default: page.SettingsPage })));

const pageLoading = (
  <Center h="100%">
    <Loader size="sm" />
  </Center>
);

function Layout() {
  return (
    <AppShell navbar={{ width: 232, breakpoint: 0 }} padding={0}>
      <AppShell.Navbar>
        <AppShell.Section grow>
          <Navigation />
        </AppShell.Section>
        <AppShell.Section p="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
          <UserMenu />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main h="100dvh">
        <Suspense fallback={pageLoading}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}

export function App() {
  useSessionAcrossTabs();
  return (
    <MantineProvider theme={theme}>
      <Notifications position="bottom-right" />
      <BrowserRouter>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route
            element={
              <RequireSession>
                <Layout />
              </RequireSession>
            }
          >
            <Route path="/flows" element={<FlowsListPage />} />
            <Route path="/flows/:flowId" element={<FlowEditorPage />} />
            <Route path="/settings/*" element={<SettingsPage />} />
            <Route path="/analytics" element={<AnalyticsPage />} />
            <Route
              path="/live"
              element={
                <RequireRole minimum="supervisor">
                  <LiveMonitorPage />
                </RequireRole>
              }
            />
            <Route path="/calls" element={<CallHistoryPage />} />
            <Route path="/calls/:id/replay" element={<CallReplayPage />} />
            <Route path="/agent" element={<AgentConsolePage />} />
            <Route path="*" element={<Navigate to={HOME_PATH} replace />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </MantineProvider>
  );
}

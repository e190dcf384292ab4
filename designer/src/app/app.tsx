import { AppShell, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { BrowserRouter, Navigate, Outlet, Route, Routes } from 'react-router';
import { HOME_PATH, LoginPage, RequireRole, RequireSession, UserMenu, useSessionAcrossTabs } from '../auth';
import { AgentConsolePage } from '../pages/agent/agent-console-page';
import { AnalyticsPage } from '../pages/analytics/analytics-page';
import { CallHistoryPage } from '../pages/calls/call-history-page';
import { CallReplayPage } from '../pages/calls/call-replay-page';
import { FlowEditorPage } from '../pages/flows/flow-editor-page';
import { FlowsListPage } from '../pages/flows/flows-list-page';
import { LiveMonitorPage } from '../pages/live/live-monitor-page';
import { SettingsPage } from '../pages/settings/settings-page';
import { Navigation } from './navigation';
import { theme } from './theme';

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
        <Outlet />
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

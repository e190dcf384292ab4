import { AppShell, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { BrowserRouter, Navigate, Outlet, Route, Routes } from 'react-router';
import { FlowEditorPage } from '../pages/flow-editor-page';
import { Navigation } from './navigation';
import { theme } from './theme';

function Layout() {
  return (
    <AppShell navbar={{ width: 232, breakpoint: 0 }} padding={0}>
      <AppShell.Navbar>
        <Navigation />
      </AppShell.Navbar>
      <AppShell.Main h="100dvh">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

export function App() {
  return (
    <MantineProvider theme={theme}>
      <Notifications position="bottom-right" />
      <BrowserRouter>
        <Routes>
          <Route element={<Layout />}>
            <Route path="/flows/editor" element={<FlowEditorPage />} />
            <Route path="*" element={<Navigate to="/flows/editor" replace />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </MantineProvider>
  );
}

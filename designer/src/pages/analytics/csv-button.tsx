import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { analyticsClient, type ReportName, type ReportQuery } from '../../api/analytics-client';
import type { CallMetricsQuery } from '@callflow/schemas';
import { downloadFile } from '../flows/download';

/** Downloads a report as the CSV the API writes (same period, time zone and service level as on screen). */
export function CsvButton({ report, query, by, label = 'CSV' }: { report: ReportName; query: ReportQuery; by?: CallMetricsQuery['by']; label?: string }) {
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const file = await analyticsClient.csv(report, { ...query, ...(by ? { by } : {}) });
      downloadFile(file.text, file.filename);
    } catch (error) {
      notifications.show({ color: 'red', title: 'Export failed', message: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant="subtle" color="gray" size="compact-sm" leftSection={<IconDownload size={14} />} loading={busy} onClick={() => void download()} aria-label={`Export ${label} as CSV`}>
      {label}
    </Button>
  );
}

export { createLiveConnection, tokenExpiry, type LiveConnection, type LiveStatus } from './live-connection';
export { parseLiveEvent, type LiveEventName, type LivePayload } from './live-events';
export { LiveStatusBadge } from './live-status-badge';
export { liveConnection, useLiveConnection, useLiveEvent, useLiveState, useOnLiveConnect } from './use-live';

/** Temporal header the call workflow's interceptors put on each activity: `{ tenantId, callId }`, for its log lines. */
export const CALL_IDS_HEADER = 'callflow-call-ids';

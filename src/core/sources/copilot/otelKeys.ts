// Secondary-key markers of Copilot records, read by the store's reconciliation (store/copilotReconcile.ts):
// the CLI's exact `session.shutdown` totals keep key2 0.

/** A Copilot CLI `assistant.message` output-only count, provisional until its process shuts down. */
export const COPILOT_KEY2_PROVISIONAL = 1;
/** A record read from an OpenTelemetry export (either source); a zero, costless copy retracts it. */
export const COPILOT_KEY2_OTEL = 2;

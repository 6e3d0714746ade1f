// The line shapes of GitHub Copilot's OpenTelemetry file export, as zod schemas (parse at the edge).
//
// Evidence for the shapes (one JSON object per line, appended):
// - VS Code Copilot Chat, microsoft/vscode-copilot-chat `src/platform/otel/node/fileExporters.ts`:
//   spans are written as `{resource: {attributes}, instrumentationScope, traceId, spanId, parentSpanId,
//   name, kind, startTime, endTime, duration, status, attributes, links, events, …}` with times as
//   OpenTelemetry JS hrtime arrays `[seconds, nanoseconds]` and no `type` field; log records are the SDK's
//   ReadableLogRecord stringified (`hrTime`, `spanContext: {traceId, spanId}`, `attributes`, the body as
//   `_body`); `service.name` is `OTEL_SERVICE_NAME ?? 'copilot-chat'` (`otelConfig.ts`).
// - Copilot CLI: lines are `{"type": "span" | "metric", …}` (its `copilot help monitoring`), e.g. a real
//   exported `chat` span: `{"type":"span","traceId","spanId","parentSpanId","name":"chat gpt-5.6-sol",
//   "kind":2,"startTime":[s,ns],"endTime":[s,ns],"attributes":{"gen_ai.operation.name":"chat",
//   "gen_ai.conversation.id","gen_ai.usage.input_tokens","gen_ai.usage.cache_read.input_tokens",
//   "gen_ai.usage.cache_write.input_tokens","gen_ai.usage.reasoning.output_tokens","gen_ai.response.id",…},
//   "resource":{"attributes":{"service.name":"github-copilot",…}},"instrumentationScope":{"name":"github.copilot"}}`.
// - ccusage 20.0.24 (`adapter/copilot/parser.rs`) and tokscale read the same fields; the other time
//   encodings they accept (`time`, `timestamp`/`observedTimestamp` in s/ms/µs/ns, `timeUnixNano`) are read too.
import { z } from 'zod';
import { tokenCount } from '../zodHelpers';

const attributes = z.record(z.string(), z.unknown());

export const otelRecordSchema = z.looseObject({
  type: z.string().optional(),
  traceId: z.string().optional(),
  spanId: z.string().optional(),
  name: z.string().optional(),
  attributes,
  resource: z.looseObject({ attributes: attributes.optional() }).optional().catch(undefined),
  instrumentationScope: z.looseObject({ name: z.string().optional() }).optional().catch(undefined),
  spanContext: z.looseObject({ traceId: z.string().optional(), spanId: z.string().optional() }).optional().catch(undefined),
  body: z.unknown().optional(),
  _body: z.unknown().optional(),
});
export type OtelRecord = z.infer<typeof otelRecordSchema>;

const count = tokenCount.optional();

/** The usage attributes of a record (a value that is not a count, e.g. `"[REDACTED]"`, fails the record). */
export const otelUsageSchema = z.looseObject({
  'gen_ai.usage.input_tokens': count,
  'gen_ai.usage.output_tokens': count,
  'gen_ai.usage.cache_read.input_tokens': count,
  'gen_ai.usage.cache_write.input_tokens': count,
  'gen_ai.usage.cache_creation.input_tokens': count,
  'gen_ai.usage.reasoning.output_tokens': count,
  'gen_ai.usage.reasoning_tokens': count,
  'gen_ai.usage.total_tokens': count,
  'gen_ai.usage.total.token_count': count,
});
export type OtelUsage = z.infer<typeof otelUsageSchema>;

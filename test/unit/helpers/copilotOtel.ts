// Lines of GitHub Copilot's OpenTelemetry file export, in the shapes evidenced in
// src/core/sources/copilot/otelSchema.ts: the Copilot CLI's (`type`, `service.name: github-copilot`) and
// VS Code Copilot Chat's (no `type`, `service.name: copilot-chat`, log records as the SDK stringifies them).

export interface OtelUsage {
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
  reasoning?: number;
}

export interface SpanOptions {
  traceId: string;
  spanId: string;
  model: string;
  /** ISO end time. */
  end: string;
  conversation?: string;
  responseId?: string;
}

/** OpenTelemetry JS hrtime: [seconds, nanoseconds]. */
export function hrTime(iso: string): [number, number] {
  const ms = Date.parse(iso);
  return [Math.floor(ms / 1000), (ms % 1000) * 1e6];
}

/** `input` is the uncached part: the line's `gen_ai.usage.input_tokens` includes the cache reads. */
function usageAttrs(u: OtelUsage, cacheWriteKey: string, reasoningKey: string): Record<string, number> {
  return {
    'gen_ai.usage.input_tokens': u.input + (u.cacheRead ?? 0),
    'gen_ai.usage.output_tokens': u.output,
    ...(u.cacheRead ? { 'gen_ai.usage.cache_read.input_tokens': u.cacheRead } : {}),
    ...(u.cacheWrite ? { [cacheWriteKey]: u.cacheWrite } : {}),
    ...(u.reasoning ? { [reasoningKey]: u.reasoning } : {}),
  };
}

function span(o: SpanOptions, operation: 'chat' | 'invoke_agent', u: OtelUsage, cli: boolean): string {
  const attributes = {
    'gen_ai.operation.name': operation,
    'gen_ai.provider.name': 'github',
    'gen_ai.request.model': o.model,
    'gen_ai.response.model': o.model,
    ...(o.conversation ? { 'gen_ai.conversation.id': o.conversation } : {}),
    ...(o.responseId ? { 'gen_ai.response.id': o.responseId } : {}),
    ...(cli ? usageAttrs(u, 'gen_ai.usage.cache_write.input_tokens', 'gen_ai.usage.reasoning.output_tokens') : usageAttrs(u, 'gen_ai.usage.cache_creation.input_tokens', 'gen_ai.usage.reasoning_tokens')),
  };
  const end = hrTime(o.end);
  const body = {
    traceId: o.traceId,
    spanId: o.spanId,
    parentSpanId: 'root',
    name: `${operation} ${operation === 'chat' ? o.model : 'copilot'}`,
    kind: operation === 'chat' ? 2 : 0,
    startTime: [end[0] - 3, end[1]],
    endTime: end,
    attributes,
    status: { code: 0 },
    events: [],
  };
  return JSON.stringify(
    cli
      ? { type: 'span', ...body, resource: { attributes: { 'service.name': 'github-copilot', 'service.version': '1.0.84' } }, instrumentationScope: { name: 'github.copilot', version: '1.0.84' } }
      : { resource: { attributes: { 'service.name': 'copilot-chat' } }, instrumentationScope: { name: 'copilot-chat', version: '0.44.0' }, ...body, duration: [3, 0], ended: true },
  );
}

export const cliChatSpan = (o: SpanOptions, u: OtelUsage): string => span(o, 'chat', u, true);
export const cliAgentSpan = (o: SpanOptions, u: OtelUsage): string => span(o, 'invoke_agent', u, true);
export const chatSpan = (o: SpanOptions, u: OtelUsage): string => span(o, 'chat', u, false);
export const agentSpan = (o: SpanOptions, u: OtelUsage): string => span(o, 'invoke_agent', u, false);

function logRecord(o: { traceId: string; spanId: string; time: string }, attributes: Record<string, unknown>, body: string): string {
  return JSON.stringify({ hrTime: hrTime(o.time), hrTimeObserved: hrTime(o.time), spanContext: { traceId: o.traceId, spanId: o.spanId, traceFlags: 1 }, instrumentationScope: { name: 'copilot-chat', version: '0.44.0' }, attributes, _body: body });
}

/** `gen_ai.client.inference.operation.details`: prompt and completion tokens only. */
export function inferenceLog(o: { traceId: string; spanId: string; time: string; model: string; responseId?: string }, u: { input: number; output: number }): string {
  return logRecord(o, { 'event.name': 'gen_ai.client.inference.operation.details', 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': o.model, 'gen_ai.response.model': o.model, ...(o.responseId ? { 'gen_ai.response.id': o.responseId } : {}), 'gen_ai.usage.input_tokens': u.input, 'gen_ai.usage.output_tokens': u.output }, `GenAI inference: ${o.model}`);
}

export function agentTurnLog(o: { traceId: string; spanId: string; time: string; turn: number }, u: { input: number; output: number }): string {
  return logRecord(o, { 'event.name': 'copilot_chat.agent.turn', 'turn.index': o.turn, 'gen_ai.usage.input_tokens': u.input, 'gen_ai.usage.output_tokens': u.output, tool_call_count: 1 }, `copilot_chat.agent.turn: ${o.turn}`);
}

export function sessionStartLog(o: { traceId: string; spanId: string; time: string; session: string; model: string }): string {
  return logRecord(o, { 'event.name': 'copilot_chat.session.start', 'session.id': o.session, 'gen_ai.request.model': o.model, 'gen_ai.agent.name': 'GitHub Copilot Chat' }, 'copilot_chat.session.start');
}

/** A metric line of the CLI's export (never usage). */
export const cliMetric = (): string => JSON.stringify({ type: 'metric', name: 'gen_ai.client.token.usage', unit: '{token}' });

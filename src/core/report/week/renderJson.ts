// The week as JSON: the summary itself, whose schema is the format's published contract.
import { z } from 'zod';
import { weekSummarySchema, type WeekSummary } from './weekSchema';

/** Checks the summary against the schema; what passes holds the schema's keys only (others are dropped). */
export function validWeekSummary(summary: unknown): WeekSummary {
  const result = weekSummarySchema.safeParse(summary);
  if (!result.success) throw new Error(`The week summary does not match its schema, so it is not exported:\n${z.prettifyError(result.error)}`);
  return result.data;
}

export function renderJson(summary: WeekSummary): string {
  return `${JSON.stringify(validWeekSummary(summary), null, 2)}\n`;
}

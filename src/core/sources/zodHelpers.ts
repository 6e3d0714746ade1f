import { z } from 'zod';

/** A token count: a non-negative integer, also accepted as a numeric string (some writers quote numbers). */
export const tokenCount = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);

/** Formats the first zod issue as a short diagnostics reason: `invalid <path>: <message>`. */
export function issueReason(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid record';
  const path = issue.path.join('.') || 'record';
  return `invalid ${path}: ${issue.message}`;
}

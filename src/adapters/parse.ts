/** Every answer that crosses the adapter boundary passes through here. */
import type { $ZodIssue } from 'zod/v4/core';
import type { ZodMiniType } from 'zod/mini';
import { BookingError } from './errors.js';

const shownIssues = 5;

function describeIssue(issue: $ZodIssue): string {
  const path = issue.path.length
    ? issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('').replace(/^\./, '')
    : '(root)';
  const detail =
    issue.code === 'invalid_type'
      ? `expected ${issue.expected}`
      : issue.code === 'invalid_value'
        ? `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`
        : issue.code === 'invalid_union' && 'note' in issue && issue.note
          ? issue.note
          : issue.message && issue.message !== 'Invalid input'
            ? issue.message
            : issue.code.replace(/_/g, ' ');
  return `${path}: ${detail}`;
}

/** What a person is told when an answer breaks the contract: the field-by-field details are for the host. */
export const unreadableAnswer =
  "The practice's booking system sent an answer this page could not read. Please try again later, or contact the practice.";

/**
 * Checks `data` against `schema` and returns a fresh copy; a mismatch throws a BookingError with
 * code `invalid-response`, a plain sentence as its message (it is shown to people), every wrong
 * field in `issues`, and in `detail` a line naming what was asked for and the first fields (for
 * the host's logs).
 */
export function parseResponse<T>(schema: ZodMiniType<T>, data: unknown, what: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues.map(describeIssue);
  const more = issues.length > shownIssues ? ` (and ${issues.length - shownIssues} more)` : '';
  const detail = `The server's answer for ${what} was not understood: ${issues.slice(0, shownIssues).join('; ')}${more}.`;
  throw new BookingError('invalid-response', unreadableAnswer, { issues, detail });
}

import { PatchbayError, type ValidationIssue } from '@patchbay/contract';

const ISSUES_IN_MESSAGE = 5;

/**
 * The one `VALIDATION_FAILED` shape: a message naming the first few problems with their JSON
 * pointers, and every issue in `details`.
 */
export function validationError(subject: string, issues: ValidationIssue[]): PatchbayError {
  const summary = issues
    .slice(0, ISSUES_IN_MESSAGE)
    .map((issue) => `${issue.pointer || '/'} ${issue.message}`)
    .join('; ');
  const more = issues.length > ISSUES_IN_MESSAGE ? `; and ${issues.length - ISSUES_IN_MESSAGE} more` : '';
  return new PatchbayError({
    code: 'VALIDATION_FAILED',
    message: `${subject} is invalid (nothing was sent): ${summary}${more}`,
    details: issues,
  });
}

import { CASE_OPENING_REASONS, CaseOpeningReason } from '@mentoring/contracts';

/** Cases per opening reason, every reason present (zero when none), so a coordinator sees self-referrals as a category of their own. */
export function casesOpenedFor(records: ReadonlyArray<{ readonly openedFor: CaseOpeningReason }>): Record<CaseOpeningReason, number> {
  const counts = Object.fromEntries(CASE_OPENING_REASONS.map((reason) => [reason, 0])) as Record<CaseOpeningReason, number>;
  for (const record of records) counts[record.openedFor] += 1;
  return counts;
}

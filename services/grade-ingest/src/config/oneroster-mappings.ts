import { PROGRAM_CODE } from '@mentoring/contracts';

// The contract's range for yearOfStudy.
const YEARS_OF_STUDY = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

export const PROGRAM_MAP_PROBLEM = 'must be a JSON object mapping org sourcedIds, identifiers or names to programme codes, e.g. {"org-mbbs":"MBBS"}';
export const YEAR_MAP_PROBLEM = 'must be a JSON object mapping programme codes to a year from 1 to 10, e.g. {"MBBS":1}';

/** An org -> programme mapping written as JSON, or undefined when it is not one. */
export function parseProgramMap(text: unknown): Record<string, string> | undefined {
  const parsed = parseObject(text);
  if (parsed === undefined || !Object.values(parsed).every((code) => typeof code === 'string' && PROGRAM_CODE.test(code))) return undefined;
  return parsed as Record<string, string>;
}

/** A programme -> year of study mapping written as JSON, or undefined when it is not one. */
export function parseYearMap(text: unknown): Record<string, number> | undefined {
  const parsed = parseObject(text);
  if (parsed === undefined) return undefined;
  const valid = Object.entries(parsed).every(([code, year]) => PROGRAM_CODE.test(code) && YEARS_OF_STUDY.includes(year as number));
  return valid ? (parsed as Record<string, number>) : undefined;
}

function parseObject(text: unknown): Record<string, unknown> | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}


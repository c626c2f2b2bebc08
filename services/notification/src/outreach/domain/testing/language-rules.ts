// The outreach language rules (DESIGN.md section 5) as data, so one test applies them to every template.

/** Deficit and sanction words no message of ours uses, in any derived form (stems match word starts). */
export const BANNED_FOR_EVERYONE: readonly RegExp[] = [
  /\bfail\w*/i,
  /\bpoor\w*/i,
  /\bweak\w*/i,
  /\bat[\s-]+risk\b/i,
  /\bprobation\w*/i,
  /\bwarn\w*/i,
  /\bunder-?perform\w*/i,
  /\bunder-?achiev\w*/i,
  /\blow[\s-]+achiev\w*/i,
  /\bstruggl\w*/i,
  /\bdeficien\w*/i,
  /\bremedia\w*/i,
  /\binadequa\w*/i,
  /\bunsatisfactor\w*/i,
];

/**
 * What a student never reads: the above, anything naming risk, levels or predictions, and the
 * language of compliance (threats, deadlines that sound like sanctions, being watched).
 */
export const BANNED_FOR_STUDENTS: readonly RegExp[] = [
  ...BANNED_FOR_EVERYONE,
  /\brisk\w*/i,
  /\burgen\w*/i,
  /\bwatch\w*/i,
  /\bpredict\w*/i,
  /\bconcern\w*/i,
  /\bbehind\b/i,
  /\bbelow\b/i,
  /\blow\b/i,
  /\bflag\w*/i,
  /\balert\w*/i,
  /\bmonitor\w*/i,
  /\bintervention\w*/i,
  /\bmandator\w*/i,
  /\bcompulsor\w*/i,
  /\brequired?\b/i,
  /\bmust\b/i,
  /\bdeadline\w*/i,
  /\bimmediately\b/i,
  /\bsanction\w*/i,
  /\bpenalt\w*/i,
  /\bdisciplin\w*/i,
  /\bdismiss\w*/i,
  /\bexpel\w*/i,
];

/** Anything that reads like a mark: percentages, fractions, and the words for scores. */
export const SCORE_LIKE: readonly RegExp[] = [
  /\d+(?:[.,]\d+)?\s*%/,
  /\d+(?:[.,]\d+)?\s*\/\s*\d+/,
  /\d+(?:[.,]\d+)?\s+(?:out\s+of|of)\s+\d+/i,
  /\bscor\w*/i,
  /\bpercent\w*/i,
  /\bmarks?\b/i,
  /\bgrade[sd]?\b/i,
  /\bGPA\b/,
  /\bpoints?\b/i,
  /\brank\w*/i,
];

const URL = /https?:\/\/\S+/g;

/** Links carry tokens full of digits and slashes; the words around them are what a reader reads. */
export function withoutUrls(text: string): string {
  return text.replace(URL, ' ');
}

export function matchesOf(text: string, rules: readonly RegExp[]): string[] {
  return rules.flatMap((rule) => rule.exec(text)?.[0] ?? []);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#x60': '`', '#x3D': '=', nbsp: ' ' };

/** What a reader sees of an HTML body: tags gone, entities decoded, href values dropped with the tags. */
export function visibleTextOf(html: string): string {
  return html
    .replace(/<(style|head)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|li|div|ul)>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity, name: string) => ENTITIES[name] ?? entity);
}

/** Handlebars' own escaping, to find a name or a time inside an HTML body. */
export function escapedForHtml(value: string): string {
  const map: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;' };
  return value.replace(/[&<>"'`=]/g, (character) => map[character]);
}

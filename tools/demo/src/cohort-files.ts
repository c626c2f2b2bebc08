// The generated sample as files: what `npm run seed` writes and what the `npm start` demo leaves
// behind for a person to look at.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Cohort, toOneRosterFiles } from './cohort';

const TERM_WEEKS_SO_FAR = 12;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** The first day of a term that has run for twelve weeks by `now` (ISO date). */
export function defaultTermStart(now: Date): string {
  return new Date(now.getTime() - TERM_WEEKS_SO_FAR * WEEK_MS).toISOString().slice(0, 10);
}

/** Writes cohort.json (people, courses), feed.json (every registrar record) and oneroster/*.csv into `out`. */
export async function writeCohort(cohort: Cohort, out: string): Promise<void> {
  const onerosterDir = join(out, 'oneroster');
  await mkdir(onerosterDir, { recursive: true });
  const { feed, ...people } = cohort;
  await writeFile(join(out, 'cohort.json'), JSON.stringify(people, null, 2));
  await writeFile(join(out, 'feed.json'), JSON.stringify(feed));
  for (const [name, csv] of Object.entries(toOneRosterFiles(feed, cohort))) {
    await writeFile(join(onerosterDir, name), csv);
  }
}

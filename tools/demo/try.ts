import { generateCohort, expectedLowAchievers } from './src/cohort';
for (const seed of [42, 7, 123]) {
const c = generateCohort({ seed, termStart: '2026-01-12', now: new Date('2026-04-20T10:00:00Z') });
const low = new Set(expectedLowAchievers(c.feed).map(s => s.studentId));
const by: Record<string, [number, number]> = {};
for (const s of c.students) { const e = by[s.latent.trajectory] ??= [0, 0]; e[0]++; if (low.has(s.studentId)) e[1]++; }
console.log(seed, low.size, JSON.stringify(by));
}

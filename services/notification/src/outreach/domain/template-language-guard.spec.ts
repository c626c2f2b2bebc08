import { readdirSync } from 'node:fs';
import { CASE_OUTCOMES, CASE_PHASES, CaseEventV1, ESCALATION_REASONS, MEETING_MODES, NUDGE_AUDIENCES, NUDGE_KINDS } from '@mentoring/contracts';
import { formatLocaleFor } from './locale';
import { planCaseMessageNotice } from './plan-case-message';
import { planCoordinatorDigest, planHeldMessagesDigest } from './plan-digests';
import { planOutreach } from './plan-outreach';
import { planUnreachableNotice } from './plan-unreachable';
import type { PlannedMessage } from './planned-message';
import { DEFAULT_TEMPLATES_DIR, loadTemplateLibrary, RenderedMessage } from './template-library';
import { CALENDAR_ENTRY_TEMPLATE, TEMPLATE_NAMES, TemplateName } from './template-variables';
import { formatMeetingTime } from './zoned-time-format';
import {
  BANNED_FOR_EVERYONE,
  BANNED_FOR_STUDENTS,
  escapedForHtml,
  matchesOf,
  SCORE_LIKE,
  visibleTextOf,
  withoutUrls,
} from './testing/language-rules';
import { averageSentenceLength, fleschReadingEase, sentencesOf, wordsOf } from './testing/readability';
import { caseEvent, COORDINATORS, envelopeOf, MENTORS, outreachContext, REASONS, STUDENTS } from './testing/realistic-cases';

// Every template, in every variant the planners produce, rendered with realistic people, 0-3
// slots, several time zones and locales (a locale without templates falls back to English).
const LOCALES = ['en', 'en-GB', 'fr-FR'];
const VARIANTS = 12;
const INTRODUCTIONS: readonly TemplateName[] = ['student-first-contact', 'student-new-mentor'];
const MIN_INTRODUCTION_WORDS = 40;
const MAX_STUDENT_WORDS = 80;
const MIN_READING_EASE = 60;
const MAX_AVERAGE_SENTENCE_WORDS = 20;
const MAX_SENTENCE_WORDS = 30;

const IMPROVED = {
  code: 'improved',
  value: 71,
  threshold: null,
  gradeIds: ['g-4', 'g-5'],
  summary: 'Moved from at-risk to watch, with a summative average of 71%. A good moment to recognise the progress.',
};

const LOCATIONS = { 'in-person': 'Room 2.14, Hamdan Building', video: 'https://meet.example.edu/j/4821', phone: '+971 4 555 0142' };

function eventsOfVariant(variant: number): CaseEventV1[] {
  const base = caseEvent({}, variant);
  const confirmed = { ...base, status: 'active' as const, confirmedSlot: base.proposedSlots[0] };
  const mode = MEETING_MODES[variant % MEETING_MODES.length];
  const meeting = { uid: `meeting-${variant}`, sequence: variant % 3, ...base.proposedSlots[0], mode, location: LOCATIONS[mode] };
  const booked = { ...confirmed, meeting: variant % 4 === 3 ? null : meeting };
  const otherMentor = MENTORS[(variant + 1) % MENTORS.length];
  const withOrWithoutMentor = variant % 2 === 0 ? base.mentor : null;
  // Self-referrals, once as mentor-matching sends them (no reasons) and once carrying reasons anyway.
  const selfReferral = { ...base, openedFor: 'self-referral' as const, riskLevel: 'ok' as const, reasons: [], weakCourses: [] };
  const selfReferralWithReasons = { ...base, openedFor: 'self-referral' as const };
  return [
    selfReferral,
    selfReferralWithReasons,
    { ...selfReferral, kind: 'accepted', status: 'active', proposedSlots: variant === 1 ? [] : base.proposedSlots },
    { ...selfReferralWithReasons, kind: 'accepted', status: 'active' },
    { ...base, phase: CASE_PHASES[variant % CASE_PHASES.length], slaDeadline: variant % 4 === 3 ? null : base.slaDeadline },
    { ...base, kind: 'waitlisted', status: 'waitlisted', mentor: null },
    { ...base, kind: 'accepted', status: 'active', proposedSlots: variant === 0 ? [] : base.proposedSlots },
    { ...base, kind: 'accepted', status: 'active', previousMentor: otherMentor },
    { ...base, kind: 'reassigned', previousMentor: otherMentor },
    { ...confirmed, kind: 'slot-confirmed' },
    { ...confirmed, kind: 'reminder-due' },
    { ...base, kind: 'reminder-due', slaDeadline: variant % 2 === 0 ? base.slaDeadline : null },
    ...CASE_PHASES.map((phase) => ({ ...base, kind: 'phase-changed' as const, status: 'active' as const, phase })),
    {
      ...base,
      kind: 'session-logged',
      status: 'active',
      session: { outcome: 'missed', occurredAt: base.occurredAt, consecutiveMissed: (variant % 3) + 1 },
    },
    ...ESCALATION_REASONS.map((escalationReason) => ({
      ...base,
      kind: 'escalated' as const,
      escalationReason,
      mentor: withOrWithoutMentor,
      session: variant % 3 === 0 ? null : { outcome: 'missed' as const, occurredAt: base.occurredAt, consecutiveMissed: 3 },
    })),
    { ...base, kind: 'closed', status: 'closed', outcome: 'improved', mentor: withOrWithoutMentor },
    ...[...CASE_OUTCOMES, null].map((outcome) => ({
      ...base,
      kind: 'closed' as const,
      status: 'closed' as const,
      outcome,
      closedBy: 'mentor' as const,
      referredTo: outcome === 'referred' && variant % 2 === 0 ? 'Student Counselling Service' : null,
      mentor: withOrWithoutMentor,
    })),
    { ...booked, kind: 'slot-confirmed' },
    { ...booked, kind: 'meeting-reminder-due', reminder: { leadMinutes: variant % 2 === 0 ? 60 : 1440 } },
    ...(['active', 'closed', 'matched'] as const).map((status) => ({
      ...booked,
      kind: 'meeting-cancelled' as const,
      status,
      meeting: { ...meeting, sequence: meeting.sequence + 1 },
    })),
    { ...base, kind: 'slots-proposed', status: 'active', proposedSlots: variant % 3 === 0 ? [] : base.proposedSlots },
    ...NUDGE_KINDS.flatMap((kind) =>
      NUDGE_AUDIENCES.map((audience) => ({
        ...base,
        kind: 'nudge-due' as const,
        status: 'active' as const,
        mentor: audience === 'coordinator' ? withOrWithoutMentor : base.mentor,
        nudge: { kind, audience, daysWaiting: 3 + variant },
      })),
    ),
    {
      ...base,
      kind: 'progress-noted',
      status: 'active',
      riskLevel: 'watch',
      reasons: variant % 2 === 0 ? [...base.reasons, IMPROVED] : base.reasons,
    },
  ];
}

interface Rendering {
  planned: PlannedMessage;
  rendered: RenderedMessage;
  visibleHtml: string;
}

const library = loadTemplateLibrary();

function render(planned: PlannedMessage[]): Rendering[] {
  return planned.map((message) => {
    const rendered = library.renderMessage(message.template, message.locale, message.variables);
    return { planned: message, rendered, visibleHtml: visibleTextOf(rendered.html) };
  });
}

// What people write to each other in a case thread: short, long, several lines.
const THREAD_TEXTS = [
  'Thanks for today. Could we meet on Thursday instead?',
  'Hi, I read the notes you sent.\nThe second part was hard for me, can we go through it next time?',
  'Of course. I have put two times on your page, pick whichever suits you best.',
];

function threadNotices(variant: number, context: ReturnType<typeof outreachContext>): PlannedMessage[] {
  const event = caseEvent({}, variant);
  const text = THREAD_TEXTS[variant % THREAD_TEXTS.length];
  const student = { ...event.student, role: 'student' as const, email: event.student.email ?? null };
  const mentor = { ...MENTORS[variant % MENTORS.length], role: 'mentor' as const, email: MENTORS[variant % MENTORS.length].email ?? null };
  return [
    planCaseMessageNotice({ id: `m-${variant}`, caseId: event.caseId, authorName: mentor.displayName, text }, student, context),
    planCaseMessageNotice({ id: `s-${variant}`, caseId: event.caseId, authorName: student.displayName, text }, mentor, context),
  ];
}

function renderEverything(): Rendering[] {
  return LOCALES.flatMap((locale) =>
    Array.from({ length: VARIANTS }, (_, variant) => {
      const context = outreachContext({ localeOf: () => locale });
      const fromEvents = render(
        eventsOfVariant(variant).flatMap((event, index) => planOutreach(envelopeOf(event, `evt-${variant}-${index}`), context)),
      );
      const heldSubjects = fromEvents.slice(0, (variant % 3) + 1).map((rendering) => rendering.rendered.subject);
      const student = { ...STUDENTS[variant % STUDENTS.length], role: 'student' as const, email: null };
      const coordinator = COORDINATORS[variant % COORDINATORS.length];
      const escalations = ESCALATION_REASONS.slice(0, (variant % 3) + 1).map((reason, index) => ({
        caseId: `case-${index}`,
        studentName: STUDENTS[(variant + index) % STUDENTS.length].displayName,
        program: 'MBBS',
        yearOfStudy: index + 1,
        reason,
        escalatedAt: '2026-10-11T08:30:00Z',
      }));
      const digests = render(
        [
          ...planHeldMessagesDigest(student, heldSubjects, `digest-${variant}`, context),
          ...planCoordinatorDigest(coordinator, escalations, `coordinator-digest-${variant}`, context),
          ...planUnreachableNotice(caseEvent({}, variant), [coordinator], context),
          ...threadNotices(variant, context),
        ],
      );
      return [...fromEvents, ...digests];
    }).flat(),
  );
}

const renderings = renderEverything();
const forTemplate = (template: TemplateName) => renderings.filter((rendering) => rendering.planned.template === template);
const studentRenderings = renderings.filter((rendering) => rendering.planned.recipient.role === 'student');

function describeRendering({ planned }: Rendering): string {
  return `${planned.template} to ${planned.recipient.displayName}`;
}

/** The prose a student reads before the first slot (or, without slots, before the first link). */
function proseBeforeSlots(text: string, rendering: Rendering): string {
  const slotLabels = rendering.planned.template === 'student-first-contact' || rendering.planned.template === 'student-new-mentor'
    ? rendering.planned.variables.slots.map((slot) => formatMeetingTime(slot.time, formatLocaleFor(rendering.planned.locale, rendering.rendered.locale)))
    : [];
  const cuts = [...slotLabels.map((label) => text.indexOf(label)), text.search(/https?:\/\//)].filter((index) => index >= 0);
  return text.slice(0, Math.min(text.length, ...cuts));
}

const THREAD_TEMPLATES: readonly TemplateName[] = ['student-case-message', 'mentor-case-message'];

describe('template language guard', () => {
  it('renders every template file, and every template it renders has files', () => {
    const folders = readdirSync(`${DEFAULT_TEMPLATES_DIR}/en`).filter((folder) => !folder.startsWith('_'));
    expect(new Set(folders)).toEqual(new Set([...TEMPLATE_NAMES, CALENDAR_ENTRY_TEMPLATE]));
    expect(new Set(renderings.map((rendering) => rendering.planned.template))).toEqual(new Set(TEMPLATE_NAMES));
  });

  // Replies by email are read only for case-thread notices (their Reply-To is the reader's signed
  // reply address), and a meeting's mode comes from the mentor's profile: a message may only
  // promise what a link in it (or the inbox and settings pages, or the thread) actually does.
  it('promises nothing the platform does not do: no replies by email outside a case thread, no choosing how to meet', () => {
    const promises = [/\breply to\b/i, /\b(?:just|simply) reply\b/i, /\breply (?:here|by email)\b/i, /\breplying\b/i, /write back/i, /different way of meeting/i];
    const found = renderings.filter((rendering) => !THREAD_TEMPLATES.includes(rendering.planned.template)).flatMap((rendering) =>
      [rendering.rendered.subject, rendering.rendered.text, rendering.visibleHtml].flatMap((part) =>
        promises.filter((promise) => promise.test(part)).map((promise) => `${describeRendering(rendering)}: ${promise}`),
      ),
    );
    expect([...new Set(found)]).toEqual([]);
  });

  it('offers booking in kudos only while the case is open', () => {
    const bookable = forTemplate('student-kudos').map((rendering) => [
      rendering.planned.template === 'student-kudos' && rendering.planned.variables.moreTimesUrl !== null,
      rendering.rendered.text.includes('book a time here'),
    ]);
    expect(new Set(bookable.map(([offered]) => offered))).toEqual(new Set([true, false]));
    for (const [offered, shown] of bookable) expect(shown).toBe(offered);
  });

  it('leaves no placeholder, null or undefined in any message', () => {
    const leaks = renderings.filter(({ rendered }) =>
      /\{\{|\}\}|\bundefined\b|\bnull\b|\[object Object\]/.test(`${rendered.subject}\n${rendered.text}\n${rendered.html}`),
    );
    expect(leaks.map(describeRendering)).toEqual([]);
  });

  it('never uses a banned word, or a word naming risk, levels or sanctions, with a student', () => {
    const found = studentRenderings.flatMap((rendering) => {
      const { subject, text } = rendering.rendered;
      const words = matchesOf(withoutUrls(`${subject}\n${text}\n${rendering.visibleHtml}`), BANNED_FOR_STUDENTS);
      return words.map((word) => `${describeRendering(rendering)}: "${word}"`);
    });
    expect(found).toEqual([]);
  });

  it('never shows a student anything that reads like a score', () => {
    const found = studentRenderings.flatMap((rendering) => {
      const { subject, text } = rendering.rendered;
      return matchesOf(withoutUrls(`${subject}\n${text}\n${rendering.visibleHtml}`), SCORE_LIKE).map(
        (match) => `${describeRendering(rendering)}: "${match}"`,
      );
    });
    expect(found).toEqual([]);
  });

  it('never mentions marks, risk or reasons in the first messages of a self-referral, to the student or the mentor', () => {
    const selfReferrals = renderings.filter(({ planned }) =>
      (planned.template === 'mentor-new-case' && planned.variables.selfReferral) || (planned.template === 'student-first-contact' && planned.variables.askedForMentor),
    );
    expect(new Set(selfReferrals.map(({ planned }) => planned.template))).toEqual(new Set(['mentor-new-case', 'student-first-contact']));
    const found = selfReferrals.flatMap((rendering) => {
      const { subject, text } = rendering.rendered;
      const shown = withoutUrls(`${subject}\n${text}\n${rendering.visibleHtml}`);
      return [...matchesOf(shown, [...BANNED_FOR_STUDENTS, ...SCORE_LIKE]), ...REASONS.filter((reason) => shown.includes(reason.summary)).map((reason) => reason.summary)].map(
        (match) => `${describeRendering(rendering)}: "${match}"`,
      );
    });
    expect(found).toEqual([]);
  });

  it('keeps deficit language out of staff messages too, apart from the reasons quoted to mentors', () => {
    const staff = renderings.filter((rendering) => rendering.planned.recipient.role !== 'student');
    const found = staff.flatMap((rendering) => {
      const quoted = REASONS.reduce((text, reason) => text.split(reason.summary).join(' '), `${rendering.rendered.subject}\n${rendering.rendered.text}`);
      return matchesOf(withoutUrls(quoted), BANNED_FOR_EVERYONE).map((word) => `${describeRendering(rendering)}: "${word}"`);
    });
    expect(found).toEqual([]);
  });

  it.each(INTRODUCTIONS)('%s names the mentor and offers every slot, in text and HTML', (template) => {
    const missing = forTemplate(template).flatMap((rendering) => {
      if (rendering.planned.template !== template) return [];
      const { mentorName, slots } = rendering.planned.variables as { mentorName: string; slots: { time: Parameters<typeof formatMeetingTime>[0]; pickUrl: string }[] };
      const locale = formatLocaleFor(rendering.planned.locale, rendering.rendered.locale);
      const expected = [mentorName, ...slots.flatMap((slot) => [formatMeetingTime(slot.time, locale), slot.pickUrl])];
      const { text, html } = rendering.rendered;
      return expected.filter((value) => !text.includes(value) || !html.includes(escapedForHtml(value))).map((value) => `${describeRendering(rendering)}: ${value}`);
    });
    expect(forTemplate(template).length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });

  it.each(INTRODUCTIONS)('%s says hello in 40-80 words before the slots', (template) => {
    const outOfRange = forTemplate(template).flatMap((rendering) => {
      const count = wordsOf(proseBeforeSlots(rendering.rendered.text, rendering)).length;
      return count >= MIN_INTRODUCTION_WORDS && count <= MAX_STUDENT_WORDS ? [] : [`${describeRendering(rendering)}: ${count} words`];
    });
    expect(outOfRange).toEqual([]);
  });

  it('keeps every student message short before its first link', () => {
    const tooLong = studentRenderings.flatMap((rendering) => {
      const count = wordsOf(proseBeforeSlots(rendering.rendered.text, rendering)).length;
      return count <= MAX_STUDENT_WORDS ? [] : [`${describeRendering(rendering)}: ${count} words`];
    });
    expect(tooLong).toEqual([]);
  });

  it('writes to students in plain English: Flesch reading ease of 60 or more, sentences of 20 words or fewer on average', () => {
    const hard = studentRenderings
      .filter((rendering) => rendering.rendered.locale === 'en')
      .flatMap((rendering) => {
        const prose = proseBeforeSlots(rendering.rendered.text, rendering);
        const ease = fleschReadingEase(prose);
        const average = averageSentenceLength(prose);
        return ease >= MIN_READING_EASE && average <= MAX_AVERAGE_SENTENCE_WORDS
          ? []
          : [`${describeRendering(rendering)}: ease ${ease.toFixed(1)}, ${average.toFixed(1)} words a sentence`];
      });
    expect(hard).toEqual([]);
  });

  it('never runs a sentence past 30 words, names and dates included, in any message', () => {
    const long = renderings.flatMap((rendering) => {
      const longest = Math.max(...sentencesOf(withoutUrls(rendering.rendered.text)).map((sentence) => wordsOf(sentence).length));
      return longest <= MAX_SENTENCE_WORDS ? [] : [`${describeRendering(rendering)}: ${longest} words`];
    });
    expect(long).toEqual([]);
  });

  it('gives mentors and coordinators no student contact details', () => {
    const leaks = renderings.filter(({ planned, rendered }) => {
      if (planned.recipient.role === 'student') return false;
      const everything = `${rendered.subject}\n${rendered.text}\n${rendered.html}`;
      return STUDENTS.some((student) => (student.email && everything.includes(student.email)) || everything.includes(student.id));
    });
    expect(leaks.map(describeRendering)).toEqual([]);
  });

  it('writes calendar entries in the same language', () => {
    const entries = LOCALES.flatMap((locale) =>
      STUDENTS.map((student, index) =>
        library.renderCalendarEntry(locale, {
          otherPartyName: student.displayName,
          place: index % 2 === 0 ? { inPerson: false, video: true, phone: false, location: 'https://meet.example.edu/j/4821' } : null,
          manageUrl: 'https://mentoring.example.edu/x',
        }),
      ),
    );
    const found = entries.flatMap((entry) => matchesOf(withoutUrls(`${entry.summary}\n${entry.description}`), [...BANNED_FOR_STUDENTS, ...SCORE_LIKE]));
    expect(found).toEqual([]);
    expect(entries[1].summary).toBe("Mentoring chat with Zoë O'Connell");
  });
});


import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutreachError } from './outreach-errors';
import { compileTemplateLibrary, DEFAULT_TEMPLATES_DIR, loadTemplateLibrary, TemplateSources } from './template-library';
import type { StudentMeetingVariables } from './template-variables';

const meeting: StudentMeetingVariables = {
  recipientName: "Zoë O'Connell",
  teamName: 'The Student Mentoring Team',
  inboxUrl: 'https://mentoring.example.edu/inbox?a=1&b=2',
  preferencesUrl: 'https://mentoring.example.edu/preferences',
  wellbeingUrl: 'https://www.example.edu/wellbeing',
  mentorName: 'Dr <b>Farah</b> Azhar',
  meeting: { start: '2026-10-13T06:00:00Z', end: '2026-10-13T06:30:00Z', timeZone: 'Europe/London' },
  place: { inPerson: true, video: false, phone: false, location: 'Room <2.14>' },
  moved: false,
  rescheduleUrl: 'https://mentoring.example.edu/reschedule',
};

function tinyLibrary(): ReturnType<typeof compileTemplateLibrary> {
  const part = (subject: string, text: string, html: string) => ({ 'subject.txt': subject, 'text.txt': text, 'html.html': html });
  const sources: TemplateSources = {
    en: {
      partials: { 'sign-off.txt': 'Bye from {{teamName}}' },
      templates: { 'student-slot-confirmed': part('Hello\n{{recipientName}}\r\nBcc: x', '{{recipientName}}\n\n\n\n{{meetingTime meeting}}\n{{> sign-off}}', '<p>{{mentorName}}</p>') },
    },
    fr: {
      partials: { 'sign-off.txt': 'Au revoir de {{teamName}}' },
      templates: { 'student-meeting-reminder': part('Bonjour {{recipientName}}', '{{meetingTime meeting}}\n{{> sign-off}}', '<p>{{mentorName}}</p>') },
    },
  };
  return compileTemplateLibrary(sources);
}

describe('template library', () => {
  const shipped = loadTemplateLibrary();

  it('renders subject, text and HTML of a shipped template, escaping only the HTML', () => {
    const rendered = shipped.renderMessage('student-slot-confirmed', 'en-GB', meeting);
    expect(rendered.locale).toBe('en');
    expect(rendered.subject).toBe('You’re all set to meet Dr <b>Farah</b> Azhar'.replace('’', "'"));
    expect(rendered.text).toContain("Hi Zoë O'Connell,");
    expect(rendered.text).toContain('Tuesday 13 October, 07:00–07:30 (BST)');
    expect(rendered.html).toContain('Hi Zoë O&#x27;Connell,');
    expect(rendered.html).toContain('Dr &lt;b&gt;Farah&lt;/b&gt; Azhar');
    expect(rendered.html).toContain('href="https://mentoring.example.edu/inbox?a&#x3D;1&amp;b&#x3D;2"');
    expect(rendered.html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
  });

  it('keeps a subject to one header line and text free of runs of blank lines', () => {
    const rendered = tinyLibrary().renderMessage('student-slot-confirmed', 'en', meeting);
    expect(rendered.subject).toBe("Hello Zoë O'Connell Bcc: x");
    expect(rendered.text).toBe("Zoë O'Connell\n\nTuesday, October 13, 7:00 AM–7:30 AM (GMT+1)\nBye from The Student Mentoring Team");
  });

  it('uses a translation where there is one, with its own partials and regional dates', () => {
    const rendered = tinyLibrary().renderMessage('student-meeting-reminder', 'fr-CA', meeting);
    expect(rendered).toMatchObject({ locale: 'fr', subject: "Bonjour Zoë O'Connell" });
    expect(rendered.text).toBe('mardi 13 octobre, 07 h 00–07 h 30 (UTC+1)\nAu revoir de The Student Mentoring Team');
  });

  it('falls back to English, dates included, where a translation is missing', () => {
    const rendered = tinyLibrary().renderMessage('student-slot-confirmed', 'fr-FR', meeting);
    expect(rendered.locale).toBe('en');
    expect(rendered.text).toContain('Tuesday, October 13, 7:00 AM–7:30 AM (GMT+1)');
  });

  it('fails loudly on a missing variable instead of sending a hole', () => {
    const withoutMentor = { ...meeting } as Partial<StudentMeetingVariables>;
    delete withoutMentor.mentorName;
    expect(() => shipped.renderMessage('student-slot-confirmed', 'en', withoutMentor as StudentMeetingVariables)).toThrow(/mentorName/);
  });

  it('names a template that exists in no locale', () => {
    expect(() => tinyLibrary().renderMessage('student-waitlisted', 'en', meeting)).toThrow(OutreachError);
  });

  it('refuses a template calling a helper it does not know, at compile time', () => {
    const sources: TemplateSources = { en: { partials: {}, templates: { digest: { 'subject.txt': '{{shout recipientName}}' } } } };
    expect(() => compileTemplateLibrary(sources)).toThrow(/shout/);
  });

  it('renders the calendar entry text', () => {
    expect(shipped.renderCalendarEntry('en', { otherPartyName: 'Kwame', place: null, manageUrl: 'https://x.example/m' })).toEqual({
      summary: 'Mentoring chat with Kwame',
      description: 'Pick or change the time here: https://x.example/m',
    });
  });

  it('says where the meeting is in the calendar entry', () => {
    const place = { inPerson: true, video: false, phone: false, location: 'Room 2.14, Hamdan Building' };
    expect(shipped.renderCalendarEntry('en', { otherPartyName: 'Kwame', place, manageUrl: 'https://x.example/m' }).description).toBe(
      'Where: Room 2.14, Hamdan Building\nPick or change the time here: https://x.example/m',
    );
  });
});

describe('the shipped template folder', () => {
  it('stops start-up when the fallback locale lacks a template the outreach can ask for', () => {
    const copy = mkdtempSync(join(tmpdir(), 'templates-'));
    try {
      cpSync(DEFAULT_TEMPLATES_DIR, copy, { recursive: true });
      rmSync(join(copy, 'en', 'student-kudos'), { recursive: true });
      expect(() => loadTemplateLibrary(copy)).toThrow(/lack "student-kudos"/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

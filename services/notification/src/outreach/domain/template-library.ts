import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, parse } from 'node:path';
import Handlebars from 'handlebars';
import { FALLBACK_LOCALE, formatLocaleFor, localeCandidates } from './locale';
import { OutreachError } from './outreach-errors';
import {
  CALENDAR_ENTRY_TEMPLATE,
  CalendarEntryVariables,
  MeetingTime,
  TEMPLATE_NAMES,
  TemplateName,
  TemplateVariables,
  ZonedMoment,
} from './template-variables';
import { formatMeetingTime, formatZonedMoment } from './zoned-time-format';

export const DEFAULT_TEMPLATES_DIR = join(__dirname, '..', 'templates');
const PARTIALS_FOLDER = '_partials';

export interface RenderedMessage {
  /** The template locale actually used, after falling back (for Content-Language and the log). */
  locale: string;
  subject: string;
  text: string;
  html: string;
}

export interface RenderedCalendarEntry {
  summary: string;
  description: string;
}

/** Template files as read: part file name (`subject.txt`) -> source, per template, per locale. */
export interface LocaleTemplateSources {
  templates: Record<string, Record<string, string>>;
  partials: Record<string, string>;
}
export type TemplateSources = Record<string, LocaleTemplateSources>;

export interface TemplateLibrary {
  readonly locales: readonly string[];
  renderMessage<T extends TemplateName>(template: T, locale: string, variables: TemplateVariables[T]): RenderedMessage;
  renderCalendarEntry(locale: string, variables: CalendarEntryVariables): RenderedCalendarEntry;
}

type CompiledPart = Handlebars.TemplateDelegate<object>;
type CompileOptions = Parameters<typeof Handlebars.compile>[1];
type CompiledLocale = Record<string, Record<string, CompiledPart>>;

interface RenderData {
  locale: string;
  formatLocale: string;
}

const HELPERS = {
  meetingTime: (meeting: MeetingTime, options: Handlebars.HelperOptions): string =>
    formatMeetingTime(meeting, (options.data as RenderData).formatLocale),
  dateTime: (moment: ZonedMoment, options: Handlebars.HelperOptions): string =>
    formatZonedMoment(moment, (options.data as RenderData).formatLocale),
};

// Strict: a misspelt variable fails the template test instead of vanishing from a student's email.
// Known helpers only: a template can call nothing but the built-ins and ours.
function compileOptions(fileName: string): CompileOptions {
  return {
    strict: true,
    knownHelpersOnly: true,
    knownHelpers: { meetingTime: true, dateTime: true },
    noEscape: extname(fileName) !== '.html',
  };
}
function readFolder(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => [entry.name, readFileSync(join(dir, entry.name), 'utf8')]),
  );
}

function subfolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
}

/** Reads `<root>/<locale>/<template>/<part>` and `<root>/<locale>/_partials/<partial>`. */
export function readTemplateSources(rootDir: string = DEFAULT_TEMPLATES_DIR): TemplateSources {
  return Object.fromEntries(
    subfolders(rootDir).map((locale) => {
      const localeDir = join(rootDir, locale);
      const folders = subfolders(localeDir);
      const templates = folders
        .filter((folder) => folder !== PARTIALS_FOLDER)
        .map((folder) => [folder, readFolder(join(localeDir, folder))] as const);
      const partials = folders.includes(PARTIALS_FOLDER) ? readFolder(join(localeDir, PARTIALS_FOLDER)) : {};
      return [locale, { templates: Object.fromEntries(templates), partials }];
    }),
  );
}

type HandlebarsEnvironment = ReturnType<typeof Handlebars.create>;

// Handlebars compiles lazily, on the first render; precompiling once surfaces a syntax error or an
// unknown helper at start-up instead of in front of a recipient.
function compileFile(env: HandlebarsEnvironment, fileName: string, source: string): CompiledPart {
  const options = compileOptions(fileName);
  env.precompile(source, options);
  return env.compile(source, options);
}

function compileLocale(sources: LocaleTemplateSources): CompiledLocale {
  // One isolated environment per locale, so a translation's partials never leak into another.
  const env = Handlebars.create();
  env.registerHelper(HELPERS);
  for (const [fileName, source] of Object.entries(sources.partials)) {
    env.registerPartial(parse(fileName).name, compileFile(env, fileName, source));
  }
  return Object.fromEntries(
    Object.entries(sources.templates).map(([template, parts]) => [
      template,
      Object.fromEntries(Object.entries(parts).map(([fileName, source]) => [parse(fileName).name, compileFile(env, fileName, source)])),
    ]),
  );
}

function tidyText(text: string): string {
  return text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// A subject is one header line: no line breaks can reach the mail headers.
function tidySubject(subject: string): string {
  return subject.replace(/\s+/g, ' ').trim();
}

/** Compiles every locale's templates up front, so a broken template stops start-up, not a send. */
export function compileTemplateLibrary(sources: TemplateSources): TemplateLibrary {
  const compiled: Record<string, CompiledLocale> = Object.fromEntries(
    Object.entries(sources).map(([locale, localeSources]) => [locale, compileLocale(localeSources)]),
  );

  function partsFor(template: string, requestedLocale: string): { parts: Record<string, CompiledPart>; data: RenderData } {
    const locale = localeCandidates(requestedLocale).find((candidate) => compiled[candidate]?.[template]);
    if (!locale) {
      throw new OutreachError('unknown-template', `No template "${template}" for locale ${requestedLocale} or ${FALLBACK_LOCALE}`);
    }
    return { parts: compiled[locale][template], data: { locale, formatLocale: formatLocaleFor(requestedLocale, locale) } };
  }

  function renderPart(template: string, parts: Record<string, CompiledPart>, part: string, variables: object, data: RenderData): string {
    const render = parts[part];
    if (!render) throw new OutreachError('unknown-template', `Template "${template}" has no ${part} part`);
    return render(variables, { data });
  }

  return {
    locales: Object.keys(compiled),
    renderMessage(template, locale, variables) {
      const { parts, data } = partsFor(template, locale);
      return {
        locale: data.locale,
        subject: tidySubject(renderPart(template, parts, 'subject', variables, data)),
        text: tidyText(renderPart(template, parts, 'text', variables, data)),
        html: renderPart(template, parts, 'html', variables, data).trim(),
      };
    },
    renderCalendarEntry(locale, variables) {
      const { parts, data } = partsFor(CALENDAR_ENTRY_TEMPLATE, locale);
      return {
        summary: tidySubject(renderPart(CALENDAR_ENTRY_TEMPLATE, parts, 'summary', variables, data)),
        description: tidyText(renderPart(CALENDAR_ENTRY_TEMPLATE, parts, 'description', variables, data)),
      };
    },
  };
}

/**
 * Reads and compiles the template files (by default the ones shipped beside this code). The
 * fallback locale must have every template the outreach can ask for, so a missing one stops
 * start-up instead of failing a send.
 */
export function loadTemplateLibrary(rootDir: string = DEFAULT_TEMPLATES_DIR): TemplateLibrary {
  const sources = readTemplateSources(rootDir);
  const missing = [...TEMPLATE_NAMES, CALENDAR_ENTRY_TEMPLATE].filter((template) => !sources[FALLBACK_LOCALE]?.templates[template]);
  if (missing.length > 0) {
    throw new OutreachError('unknown-template', `The ${FALLBACK_LOCALE} templates in ${rootDir} lack ${missing.map((name) => `"${name}"`).join(', ')}`);
  }
  return compileTemplateLibrary(sources);
}

import { OneRosterReferences } from './references';
import { RowReferences } from './row-references';

/** Settings that place students whose files say nothing explicit (imports/README.md, "Programme and year"). */
export interface PlacementMapping {
  /** Org sourcedId, identifier or name -> programme code, for orgs whose identifier or name is not a code. */
  programByOrg?: Readonly<Record<string, string>>;
  /** Programme of students no file places. */
  defaultProgram?: string;
  /** Year of study per programme, for students no file gives one. */
  defaultYearByProgram?: Readonly<Record<string, number>>;
  /** Year of study of students neither the files nor defaultYearByProgram place. */
  defaultYearOfStudy?: number;
}

export interface Placed {
  text: string;
  origin: string;
}

/** Why a student could not be placed: the orgs looked at, for the message naming the mapping to set. */
export interface Unplaced {
  orgs: string[];
}

const WHOLE_YEAR = /^0?([1-9]|10)$/;

/**
 * The student's programme: extension columns first (the exporter said so), then the student's own
 * orgs (primaryOrgSourcedId, roles.csv, 1.1 orgSourcedIds), then the class's course org and school,
 * each walked up its parents. The student's orgs come before the course's because a grade's
 * programme is the student's: a shared course may belong to another programme or to the school.
 */
export function programOf(refs: RowReferences, tables: OneRosterReferences, mapping: PlacementMapping, knownPrograms: readonly string[]): Placed | Unplaced {
  const explicit = [
    refs.user?.program && { text: refs.user.program, origin: `users.csv metadata.program of user ${refs.studentSourcedId}` },
    refs.classRef?.program && { text: refs.classRef.program, origin: `classes.csv metadata.program of class ${refs.classId}` },
  ].find((source): source is Placed => typeof source === 'object');
  if (explicit !== undefined) return explicit;
  const starts: Array<{ orgId: string; how: string }> = [
    ...(refs.user?.primaryOrgSourcedId ? [{ orgId: refs.user.primaryOrgSourcedId, how: `primaryOrgSourcedId of user ${refs.studentSourcedId}` }] : []),
    ...(tables.studentOrgs?.get(refs.studentSourcedId) ?? []).map((orgId) => ({ orgId, how: `roles.csv org of user ${refs.studentSourcedId}` })),
    ...splitList(refs.user?.orgSourcedIds ?? '').map((orgId) => ({ orgId, how: `orgSourcedIds of user ${refs.studentSourcedId}` })),
    ...(refs.course?.orgSourcedId ? [{ orgId: refs.course.orgSourcedId, how: `org of course ${refs.courseId}` }] : []),
    ...(refs.classRef?.schoolSourcedId ? [{ orgId: refs.classRef.schoolSourcedId, how: `school of class ${refs.classId}` }] : []),
  ];
  const seen: string[] = [];
  for (const { orgId, how } of starts) {
    const found = programOfOrg(orgId, tables, mapping, knownPrograms, seen);
    if (found !== undefined) return { text: found.program, origin: `${found.via} (${how})` };
  }
  if (mapping.defaultProgram !== undefined) return { text: mapping.defaultProgram, origin: 'the default programme of this import' };
  return { orgs: seen };
}

/** The programme an org or its nearest parent stands for, by the mapping or by its identifier or name being a programme code. */
function programOfOrg(
  startId: string,
  tables: OneRosterReferences,
  mapping: PlacementMapping,
  knownPrograms: readonly string[],
  seen: string[],
): { program: string; via: string } | undefined {
  const visited = new Set<string>();
  for (let orgId = startId; orgId !== '' && !visited.has(orgId); ) {
    visited.add(orgId);
    const org = tables.orgs?.get(orgId);
    const label = org === undefined ? `org ${orgId}` : `org "${org.name}" (${orgId})`;
    if (!seen.includes(label)) seen.push(label);
    const keys = [orgId, org?.identifier, org?.name].filter((key): key is string => key !== undefined && key !== '');
    const mapped = keys.flatMap((key) => {
      const program = mapping.programByOrg?.[key];
      return program === undefined ? [] : [{ key, program }];
    })[0];
    if (mapped !== undefined) return { program: mapped.program, via: `programByOrg["${mapped.key}"] for ${label}` };
    const named = keys.slice(1).find((key) => knownPrograms.includes(key.trim().toUpperCase()));
    if (named !== undefined) return { program: named.trim().toUpperCase(), via: `orgs.csv ${named === org?.identifier ? 'identifier' : 'name'} of ${label}` };
    orgId = org?.parentSourcedId ?? '';
  }
  return undefined;
}

/** The student's year: extension columns, then users.csv grades when it is a year 1-10, then the defaults. */
export function yearOf(refs: RowReferences, program: string | undefined, mapping: PlacementMapping): Placed | undefined {
  if (refs.user?.yearOfStudy) return { text: refs.user.yearOfStudy, origin: `users.csv metadata.yearOfStudy of user ${refs.studentSourcedId}` };
  if (refs.classRef?.yearOfStudy) return { text: refs.classRef.yearOfStudy, origin: `classes.csv metadata.yearOfStudy of class ${refs.classId}` };
  const grade = WHOLE_YEAR.exec(refs.user?.grades.trim() ?? '');
  if (grade !== null) return { text: grade[1], origin: `users.csv grades of user ${refs.studentSourcedId}` };
  const byProgram = program === undefined ? undefined : mapping.defaultYearByProgram?.[program];
  if (byProgram !== undefined) return { text: String(byProgram), origin: `the default year of ${program}` };
  if (mapping.defaultYearOfStudy !== undefined) return { text: String(mapping.defaultYearOfStudy), origin: 'the default year of this import' };
  return undefined;
}

export function isPlaced(placement: Placed | Unplaced): placement is Placed {
  return 'text' in placement;
}

function splitList(text: string): string[] {
  return text.split(',').map((part) => part.trim()).filter((part) => part !== '');
}

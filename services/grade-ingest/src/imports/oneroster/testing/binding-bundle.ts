import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * OneRoster CSV bundles written strictly to the binding's column tables, as a student information
 * system exports them: every column of each table in the binding's order, no extension columns,
 * every field quoted, a BOM and CRLF line ends, bulk mode with blank status and dateLastModified.
 * Orgs are a school with one org per programme; students sit in their programme through
 * primaryOrgSourcedId (1.2) or orgSourcedIds (1.1), or only through their course's org.
 */

/** The binding's columns, in its order (OneRoster 1.2 CSV binding, tables of section 2). */
export const BINDING_12 = {
  'manifest.csv': ['propertyName', 'value'],
  'orgs.csv': ['sourcedId', 'status', 'dateLastModified', 'name', 'type', 'identifier', 'parentSourcedId'],
  'users.csv': [
    'sourcedId', 'status', 'dateLastModified', 'enabledUser', 'username', 'userIds', 'givenName', 'familyName', 'middleName',
    'identifier', 'email', 'sms', 'phone', 'agentSourcedIds', 'grades', 'password', 'userMasterIdentifier', 'resourceSourcedIds',
    'preferredGivenName', 'preferredMiddleName', 'preferredFamilyName', 'primaryOrgSourcedId', 'pronouns',
  ],
  'roles.csv': ['sourcedId', 'status', 'dateLastModified', 'userSourcedId', 'roleType', 'role', 'beginDate', 'endDate', 'orgSourcedId', 'userProfileSourcedId'],
  'courses.csv': ['sourcedId', 'status', 'dateLastModified', 'schoolYearSourcedId', 'title', 'courseCode', 'grades', 'orgSourcedId', 'subjects', 'subjectCodes'],
  'classes.csv': [
    'sourcedId', 'status', 'dateLastModified', 'title', 'grades', 'courseSourcedId', 'classCode', 'classType', 'location',
    'schoolSourcedId', 'termSourcedIds', 'subjects', 'subjectCodes', 'periods',
  ],
  'enrollments.csv': ['sourcedId', 'status', 'dateLastModified', 'classSourcedId', 'schoolSourcedId', 'userSourcedId', 'role', 'primary', 'beginDate', 'endDate'],
  'categories.csv': ['sourcedId', 'status', 'dateLastModified', 'title', 'weight'],
  'scoreScales.csv': ['sourcedId', 'status', 'dateLastModified', 'title', 'type', 'schoolSourcedId', 'courseSourcedId', 'classSourcedId', 'scoreScaleValue'],
  'lineItemScoreScales.csv': ['lineItemSourcedId', 'scoreScaleSourcedId'],
  'lineItems.csv': [
    'sourcedId', 'status', 'dateLastModified', 'title', 'description', 'assignDate', 'dueDate', 'classSourcedId', 'categorySourcedId',
    'gradingPeriodSourcedId', 'academicSessionSourcedId', 'schoolSourcedId', 'resultValueMin', 'resultValueMax',
  ],
  'results.csv': [
    'sourcedId', 'status', 'dateLastModified', 'lineItemSourcedId', 'studentSourcedId', 'classSourcedId', 'scoreScaleSourcedId',
    'scoreStatus', 'score', 'textScore', 'scoreDate', 'comment', 'inProgress', 'incomplete', 'late', 'missing',
  ],
} as const;

/** The 1.1 tables that differ: users carry orgSourcedIds and role; results and line items have no scales; categories no weight. */
export const BINDING_11 = {
  'users.csv': [
    'sourcedId', 'status', 'dateLastModified', 'enabledUser', 'orgSourcedIds', 'role', 'username', 'userIds', 'givenName', 'familyName',
    'middleName', 'identifier', 'email', 'sms', 'phone', 'agentSourcedIds', 'grades', 'password',
  ],
  'categories.csv': ['sourcedId', 'status', 'dateLastModified', 'title'],
  'lineItems.csv': [
    'sourcedId', 'status', 'dateLastModified', 'title', 'description', 'assignDate', 'dueDate', 'classSourcedId', 'categorySourcedId',
    'gradingPeriodSourcedId', 'resultValueMin', 'resultValueMax',
  ],
  'results.csv': ['sourcedId', 'status', 'dateLastModified', 'lineItemSourcedId', 'studentSourcedId', 'scoreStatus', 'score', 'scoreDate', 'comment'],
} as const;

export interface BundleStudent {
  sourcedId: string;
  identifier: string;
  givenName: string;
  familyName: string;
  program: string;
  year: number;
  /** How the bundle places the student: through their own org, or only through the course they take. */
  placedBy: 'own-org' | 'course-org';
}

export interface BindingBundle {
  files: Record<string, string>;
  students: BundleStudent[];
  resultRows: number;
}

export interface BundleOptions {
  version?: '1.1' | '1.2';
  /** Org identifiers and names that are no programme code, so only a mapping can place students. */
  opaqueOrgs?: boolean;
  /** Leave the BOM off (a UTF-8 export without one). */
  bom?: boolean;
  /** Replace a file's text after it is written, e.g. to spoil a header or a row. */
  edit?: Partial<Record<string, (text: string) => string>>;
}

const PROGRAMS = ['MBBS', 'MD', 'BBMS', 'HDPCS'];
const NAMES: Array<[string, string]> = [
  ['陽菜', '佐藤'], ['Siobhán', 'Ó Briain'], ['Olúwaṣeun', 'Adébáyọ̀'], ['Zoë', 'Müller'], ['Nguyễn', 'Thị Lan'], ['Aoife', 'Ní Bhriain'],
  ['Adéwálé', 'Ògúnṣọlá'], ['Ren', '高橋'],
];

/** Writes a bundle into `dir`; the programme org of each programme has the code as identifier unless `opaqueOrgs`. */
export async function writeBindingBundle(dir: string, options: BundleOptions = {}): Promise<BindingBundle> {
  const version = options.version ?? '1.2';
  const v11 = version === '1.1';
  await mkdir(dir, { recursive: true });
  const files: Record<string, string> = {};
  const write = async (name: string, columns: readonly string[], rows: Array<Record<string, string>>) => {
    const lines = [columns, ...rows.map((row) => columns.map((column) => row[column] ?? ''))].map((fields) => fields.map(quoted).join(','));
    let text = lines.join('\r\n') + '\r\n';
    text = options.edit?.[name]?.(text) ?? text;
    files[name] = join(dir, name);
    await writeFile(files[name], (options.bom ?? true ? '\uFEFF' : '') + text, 'utf8');
  };
  const programOrg = (program: string) => `org-${program.toLowerCase()}`;
  const students: BundleStudent[] = NAMES.map(([givenName, familyName], index) => ({
    sourcedId: `usr-${index + 1}`,
    identifier: `S${1001 + index}`,
    givenName,
    familyName,
    program: PROGRAMS[index % PROGRAMS.length],
    year: 1 + (index % 3),
    // In 1.2, every other student's primary org is the school, so the course's org has to place them.
    placedBy: !v11 && index % 2 === 1 ? 'course-org' : 'own-org',
  }));
  const tables: Record<string, readonly string[]> = v11 ? { ...BINDING_12, ...BINDING_11 } : { ...BINDING_12 };
  const table = (name: string) => tables[name];

  await write('manifest.csv', BINDING_12['manifest.csv'], [
    { propertyName: 'manifest.version', value: '1.0' },
    { propertyName: 'oneroster.version', value: version },
    ...['academicSessions', 'categories', 'classes', 'classResources', 'courses', 'courseResources', 'demographics', 'enrollments',
      'lineItems', 'orgs', 'resources', 'results', 'users']
      .map((file) => ({ propertyName: `file.${file}`, value: ['academicSessions', 'classResources', 'courseResources', 'demographics', 'resources'].includes(file) ? 'absent' : 'bulk' })),
    ...(v11 ? [] : ['roles', 'scoreScales', 'lineItemScoreScales'].map((file) => ({ propertyName: `file.${file}`, value: 'bulk' }))),
    ...(v11 ? [] : ['userProfiles', 'lineItemLearningObjectiveIds', 'resultLearningObjectiveIds', 'resultScoreScales'].map((file) => ({ propertyName: `file.${file}`, value: 'absent' }))),
    { propertyName: 'source.systemName', value: 'Registrar SIS' },
    { propertyName: 'source.systemCode', value: 'sis' },
  ]);
  await write('orgs.csv', table('orgs.csv'), [
    { sourcedId: 'org-school', name: 'School of Medicine', type: 'school', identifier: 'SOM' },
    ...PROGRAMS.map((program, index) => ({
      sourcedId: programOrg(program),
      name: options.opaqueOrgs ? `Programme ${index + 1}` : `${program} programme`,
      type: 'department',
      identifier: options.opaqueOrgs ? `P-${index + 1}` : program,
      parentSourcedId: 'org-school',
    })),
  ]);
  await write('users.csv', table('users.csv'), students.map((student) => ({
    sourcedId: student.sourcedId,
    enabledUser: 'true',
    username: student.identifier.toLowerCase(),
    givenName: student.givenName,
    familyName: student.familyName,
    identifier: student.identifier,
    email: `${student.identifier.toLowerCase()}@students.example.edu`,
    grades: String(student.year).padStart(2, '0'),
    preferredGivenName: student.givenName,
    primaryOrgSourcedId: student.placedBy === 'own-org' ? programOrg(student.program) : 'org-school',
    orgSourcedIds: programOrg(student.program),
    role: 'student',
  })));
  if (!v11) {
    await write('roles.csv', table('roles.csv'), students.map((student) => ({
      sourcedId: `role-${student.sourcedId}`,
      userSourcedId: student.sourcedId,
      roleType: 'primary',
      role: 'student',
      orgSourcedId: student.placedBy === 'own-org' ? programOrg(student.program) : 'org-school',
    })));
  }
  await write('courses.csv', table('courses.csv'), PROGRAMS.map((program) => ({
    sourcedId: `crs-${program.toLowerCase()}`, title: `${program} core`, courseCode: `${program}101`, orgSourcedId: programOrg(program),
  })));
  await write('classes.csv', table('classes.csv'), PROGRAMS.map((program) => ({
    sourcedId: `cls-${program.toLowerCase()}`, title: `${program} core S1`, courseSourcedId: `crs-${program.toLowerCase()}`,
    classCode: `${program}101-S1`, classType: 'scheduled', schoolSourcedId: 'org-school', termSourcedIds: 'term-s1',
  })));
  await write('enrollments.csv', table('enrollments.csv'), students.map((student) => ({
    sourcedId: `enr-${student.sourcedId}`, classSourcedId: `cls-${student.program.toLowerCase()}`, schoolSourcedId: 'org-school',
    userSourcedId: student.sourcedId, role: 'student', primary: 'false',
  })));
  await write('categories.csv', table('categories.csv'), [
    { sourcedId: 'cat-sum', title: 'Summative', weight: '0.8' },
    { sourcedId: 'cat-form', title: 'Formative', weight: '0.2' },
  ]);
  if (!v11) {
    await write('scoreScales.csv', table('scoreScales.csv'), [{ sourcedId: 'ss-letter', title: 'Letter grades', type: 'letter', scoreScaleValue: 'A:4,B:3,C:2,D:1,F:0' }]);
    await write('lineItemScoreScales.csv', table('lineItemScoreScales.csv'), PROGRAMS.map((program) => ({
      lineItemSourcedId: `li-${program.toLowerCase()}-essay`, scoreScaleSourcedId: 'ss-letter',
    })));
  }
  // Per programme: an exam out of 60, and (1.2) an essay marked on the letter scale with no resultValueMax.
  await write('lineItems.csv', table('lineItems.csv'), PROGRAMS.flatMap((program): Array<Record<string, string>> => [
    { sourcedId: `li-${program.toLowerCase()}-exam`, title: 'Exam', classSourcedId: `cls-${program.toLowerCase()}`, categorySourcedId: 'cat-sum', resultValueMin: '0', resultValueMax: '60' },
    ...(v11 ? [] : [{ sourcedId: `li-${program.toLowerCase()}-essay`, title: 'Essay', classSourcedId: `cls-${program.toLowerCase()}`, categorySourcedId: 'cat-form' }]),
  ]));
  const results = students.flatMap((student, index): Array<Record<string, string>> => [
    { sourcedId: `res-${student.sourcedId}-exam`, lineItemSourcedId: `li-${student.program.toLowerCase()}-exam`, studentSourcedId: student.sourcedId,
      classSourcedId: `cls-${student.program.toLowerCase()}`, scoreStatus: 'fully graded', score: String(30 + index * 3), scoreDate: '2025-03-14',
      comment: 'Marked, see "feedback", page 2', inProgress: 'false', incomplete: 'false', late: 'false', missing: 'false' },
    ...(v11 ? [] : [{ sourcedId: `res-${student.sourcedId}-essay`, lineItemSourcedId: `li-${student.program.toLowerCase()}-essay`, studentSourcedId: student.sourcedId,
      classSourcedId: `cls-${student.program.toLowerCase()}`, scoreStatus: 'fully graded', textScore: 'B', scoreDate: '2025-03-20T10:00:00Z' }]),
  ]);
  await write('results.csv', table('results.csv'), results);
  return { files, students, resultRows: results.length };
}

function quoted(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

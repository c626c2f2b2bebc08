/**
 * A file of the OneRoster CSV binding: the columns this importer cannot do without, and every
 * column the binding defines for it in 1.2 and in 1.1. A column outside those is an extension
 * column, which the binding only allows to the right of its own.
 */
export interface OneRosterFile {
  name: string;
  requiredColumns: readonly string[];
  /** The binding's columns, both versions together; undefined: a file whose columns are not checked. */
  bindingColumns?: readonly string[];
}

const BASE = ['sourcedId', 'status', 'dateLastModified'];

export const RESULTS_FILE: OneRosterFile = {
  name: 'results.csv',
  requiredColumns: ['sourcedId', 'lineItemSourcedId', 'studentSourcedId', 'scoreStatus', 'score', 'scoreDate'],
  bindingColumns: [
    ...BASE, 'lineItemSourcedId', 'studentSourcedId', 'classSourcedId', 'scoreScaleSourcedId', 'scoreStatus', 'score', 'textScore',
    'scoreDate', 'comment', 'learningObjectiveSetSourcedIds', 'inProgress', 'incomplete', 'late', 'missing',
  ],
};

export const LINE_ITEMS_FILE: OneRosterFile = {
  name: 'lineItems.csv',
  requiredColumns: ['sourcedId', 'classSourcedId', 'categorySourcedId'],
  bindingColumns: [
    ...BASE, 'title', 'description', 'assignDate', 'dueDate', 'classSourcedId', 'categorySourcedId', 'gradingPeriodSourcedId',
    'academicSessionSourcedId', 'schoolSourcedId', 'scoreScaleSourcedId', 'resultValueMin', 'resultValueMax', 'learningObjectiveSetSourcedIds',
  ],
};

export const USERS_FILE: OneRosterFile = {
  name: 'users.csv',
  requiredColumns: ['sourcedId'],
  bindingColumns: [
    ...BASE, 'enabledUser', 'orgSourcedIds', 'role', 'username', 'userIds', 'givenName', 'familyName', 'middleName', 'identifier',
    'email', 'sms', 'phone', 'agentSourcedIds', 'grades', 'password', 'userMasterIdentifier', 'resourceSourcedIds',
    'preferredGivenName', 'preferredMiddleName', 'preferredFamilyName', 'primaryOrgSourcedId', 'pronouns',
  ],
};

export const CLASSES_FILE: OneRosterFile = {
  name: 'classes.csv',
  requiredColumns: ['sourcedId'],
  bindingColumns: [
    ...BASE, 'title', 'grades', 'courseSourcedId', 'classCode', 'classType', 'location', 'schoolSourcedId', 'termSourcedIds',
    'subjects', 'subjectCodes', 'periods',
  ],
};

export const COURSES_FILE: OneRosterFile = {
  name: 'courses.csv',
  requiredColumns: ['sourcedId', 'courseCode'],
  bindingColumns: [...BASE, 'schoolYearSourcedId', 'title', 'courseCode', 'grades', 'orgSourcedId', 'subjects', 'subjectCodes'],
};

export const CATEGORIES_FILE: OneRosterFile = {
  name: 'categories.csv',
  requiredColumns: ['sourcedId', 'title'],
  bindingColumns: [...BASE, 'title', 'weight'],
};

export const ORGS_FILE: OneRosterFile = {
  name: 'orgs.csv',
  requiredColumns: ['sourcedId', 'name'],
  bindingColumns: [...BASE, 'name', 'type', 'identifier', 'parentSourcedId'],
};

export const ROLES_FILE: OneRosterFile = {
  name: 'roles.csv',
  requiredColumns: ['sourcedId', 'userSourcedId', 'role', 'orgSourcedId'],
  bindingColumns: [...BASE, 'userSourcedId', 'roleType', 'role', 'beginDate', 'endDate', 'orgSourcedId', 'userProfileSourcedId'],
};

export const ENROLLMENTS_FILE: OneRosterFile = {
  name: 'enrollments.csv',
  requiredColumns: ['sourcedId', 'classSourcedId', 'userSourcedId', 'role'],
  bindingColumns: [...BASE, 'classSourcedId', 'schoolSourcedId', 'userSourcedId', 'role', 'primary', 'beginDate', 'endDate'],
};

export const SCORE_SCALES_FILE: OneRosterFile = {
  name: 'scoreScales.csv',
  requiredColumns: ['sourcedId', 'scoreScaleValue'],
  bindingColumns: [...BASE, 'title', 'type', 'schoolSourcedId', 'courseSourcedId', 'classSourcedId', 'scoreScaleValue'],
};

export const LINE_ITEM_SCORE_SCALES_FILE: OneRosterFile = {
  name: 'lineItemScoreScales.csv',
  requiredColumns: ['lineItemSourcedId', 'scoreScaleSourcedId'],
  bindingColumns: ['lineItemSourcedId', 'scoreScaleSourcedId'],
};

export const RESULT_SCORE_SCALES_FILE: OneRosterFile = {
  name: 'resultScoreScales.csv',
  requiredColumns: ['resultSourcedId', 'scoreScaleSourcedId'],
  bindingColumns: ['resultSourcedId', 'scoreScaleSourcedId'],
};

export const MANIFEST_FILE: OneRosterFile = { name: 'manifest.csv', requiredColumns: ['propertyName', 'value'], bindingColumns: ['propertyName', 'value'] };

/** Every file the importer reads, manifest first. */
export const READ_FILES: readonly OneRosterFile[] = [
  MANIFEST_FILE,
  RESULTS_FILE,
  LINE_ITEMS_FILE,
  USERS_FILE,
  CLASSES_FILE,
  COURSES_FILE,
  CATEGORIES_FILE,
  ORGS_FILE,
  ROLES_FILE,
  ENROLLMENTS_FILE,
  SCORE_SCALES_FILE,
  LINE_ITEM_SCORE_SCALES_FILE,
  RESULT_SCORE_SCALES_FILE,
];

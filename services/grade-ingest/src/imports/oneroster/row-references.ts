import { RowProblem } from '../domain';
import { CsvRow } from './csv-rows';
import { CategoryRef, ClassRef, CourseRef, LineItemRef, OneRosterReferences, UserRef } from './references';

/**
 * What a results.csv row points to. A reference into a file the set does not have is simply
 * absent; a reference into a file the set has, to a sourcedId it lacks, is a problem, and the
 * fields that would come from it are `broken` so that they are not reported a second time.
 */
export interface RowReferences {
  lineItemId: string;
  lineItem?: LineItemRef;
  studentSourcedId: string;
  user?: UserRef;
  classId: string;
  classRef?: ClassRef;
  courseId: string;
  course?: CourseRef;
  category?: CategoryRef;
  broken: { lineItem: boolean; user: boolean; classRef: boolean; course: boolean; category: boolean };
  problems: RowProblem[];
}

export function resolveRowReferences(row: CsvRow, refs: OneRosterReferences): RowReferences {
  const problems: RowProblem[] = [];
  const lineItemId = row.value('lineItemSourcedId');
  const lineItem = refs.lineItems.get(lineItemId);
  if (lineItem === undefined) {
    const reason = lineItemId === '' ? 'lineItemSourcedId is required' : `lineItem ${lineItemId} is not in lineItems.csv`;
    problems.push({ column: 'lineItemSourcedId', reason });
  }
  const studentSourcedId = row.value('studentSourcedId');
  const user = lookUp(refs.users, studentSourcedId, 'studentSourcedId', `user ${studentSourcedId} is not in users.csv`, problems);
  // results.csv 1.2 may name the class itself; older exports leave it to the line item.
  const classId = row.value('classSourcedId') || (lineItem?.classSourcedId ?? '');
  const classColumn = row.value('classSourcedId') ? 'classSourcedId' : 'lineItemSourcedId';
  const classRef = lookUp(refs.classes, classId, classColumn, `class ${classId} is not in classes.csv`, problems);
  const courseId = classRef?.courseSourcedId ?? '';
  const course = lookUp(refs.courses, courseId, classColumn, `course ${courseId} of class ${classId} is not in courses.csv`, problems);
  const categoryId = lineItem?.categorySourcedId ?? '';
  const needsCategory = lineItem !== undefined && lineItem.assessmentType === '';
  // The category always travels with the grade when the set has it; it is only a problem when the type depends on it.
  const category = needsCategory
    ? lookUp(refs.categories, categoryId, 'lineItemSourcedId', `category ${categoryId} of lineItem ${lineItemId} is not in categories.csv`, problems)
    : refs.categories?.get(categoryId);
  return {
    lineItemId,
    lineItem,
    studentSourcedId,
    user,
    classId,
    classRef,
    courseId,
    course,
    category,
    broken: {
      lineItem: lineItem === undefined,
      user: refs.users !== undefined && studentSourcedId !== '' && user === undefined,
      classRef: refs.classes !== undefined && classId !== '' && classRef === undefined,
      course: refs.courses !== undefined && courseId !== '' && course === undefined,
      category: needsCategory && refs.categories !== undefined && categoryId !== '' && category === undefined,
    },
    problems,
  };
}

function lookUp<T>(
  table: ReadonlyMap<string, T> | undefined,
  id: string,
  column: string,
  reason: string,
  problems: RowProblem[],
): T | undefined {
  if (table === undefined || id === '') return undefined;
  const found = table.get(id);
  if (found === undefined) problems.push({ column, reason });
  return found;
}

/** A file of the OneRoster 1.2 CSV binding and the columns this importer cannot do without. */
export interface OneRosterFile {
  name: string;
  requiredColumns: readonly string[];
}

export const RESULTS_FILE: OneRosterFile = {
  name: 'results.csv',
  requiredColumns: ['sourcedId', 'lineItemSourcedId', 'studentSourcedId', 'scoreStatus', 'score', 'scoreDate'],
};

export const LINE_ITEMS_FILE: OneRosterFile = {
  name: 'lineItems.csv',
  requiredColumns: ['sourcedId', 'classSourcedId', 'categorySourcedId', 'resultValueMax'],
};

export const USERS_FILE: OneRosterFile = { name: 'users.csv', requiredColumns: ['sourcedId'] };

export const CLASSES_FILE: OneRosterFile = { name: 'classes.csv', requiredColumns: ['sourcedId'] };

export const COURSES_FILE: OneRosterFile = { name: 'courses.csv', requiredColumns: ['sourcedId', 'courseCode'] };

export const CATEGORIES_FILE: OneRosterFile = { name: 'categories.csv', requiredColumns: ['sourcedId', 'title'] };

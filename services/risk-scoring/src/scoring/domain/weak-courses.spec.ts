import type { CountedGrade } from './grade-window';
import { findWeakCourses } from './weak-courses';

function counted(courseCode: string, percentage: number): CountedGrade {
  return { gradeId: `${courseCode}-${percentage}`, courseCode, category: null, categoryWeight: null, percentage, gradedAtMs: 0 };
}

describe('findWeakCourses', () => {
  it('keeps courses whose mean is below the threshold, lowest first', () => {
    const grades = [counted('B', 60), counted('B', 80), counted('A', 50), counted('C', 69.99), counted('D', 70)];
    expect(findWeakCourses(grades, 70)).toEqual(['A', 'C']);
  });

  it('orders equal means by course code, so the list is stable', () => {
    expect(findWeakCourses([counted('Z', 50), counted('A', 50)], 70)).toEqual(['A', 'Z']);
  });

  it('lists at most 20 courses, the lowest ones', () => {
    const grades = Array.from({ length: 25 }, (_, index) => counted(`C${String(index).padStart(2, '0')}`, 40 + index));
    const weak = findWeakCourses(grades, 70);
    expect(weak).toHaveLength(20);
    expect(weak[0]).toBe('C00');
    expect(weak).not.toContain('C20');
  });
});

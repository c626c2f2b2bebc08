import { Pipeline, PipelineCaller } from '@mentoring/testing';
import { COURSES, programOf, PROGRAMS } from '../workload';

interface WeeklyWindow {
  weekday: number;
  start: string;
  end: string;
}

/** Mentors' home zones: a faculty spread over several continents, as in the seed study's programmes. */
const TIME_ZONES = ['Asia/Karachi', 'Europe/London', 'Asia/Dubai', 'Asia/Kolkata', 'Africa/Nairobi', 'America/New_York'] as const;
// Enough for every student of a default burst with room to choose (60 mentors x 5 > 200 students).
const MAX_OPEN_CASES = 5;

/** The profile of mentor `index` as `POST /v1/mentors` takes it: two programmes, three weekly windows, some expertise. */
function mentorProfile(index: number): Record<string, unknown> {
  const number = String(index).padStart(3, '0');
  return {
    mentorId: `bench-mentor-${number}`,
    displayName: `Dr Bench Mentor ${number}`,
    email: `mentor-${number}@bench.example.edu`,
    programs: [programOf(index), programOf(index + 1)],
    expertiseCourseCodes: [COURSES[index % COURSES.length]],
    maxOpenCases: MAX_OPEN_CASES,
    timeZone: TIME_ZONES[index % TIME_ZONES.length],
    weeklyAvailability: weeklyWindows(index),
  };
}

/** Creates the mentors one request at a time, as a coordinator of every programme would through the API. */
export async function createMentors(pipeline: Pipeline, count: number): Promise<void> {
  const coordinator: PipelineCaller = { role: 'coordinator', subject: 'bench-coordinator', programmes: [...PROGRAMS] };
  for (let index = 0; index < count; index += 1) {
    const response = await pipeline.call('mentor-matching', 'POST', '/v1/mentors', coordinator, mentorProfile(index));
    if (response.status !== 201) throw new Error(`POST /v1/mentors answered ${response.status}: ${JSON.stringify(response.body).slice(0, 500)}`);
  }
}

// Three two-hour windows on different weekdays, staggered by mentor so the faculty covers the week.
function weeklyWindows(index: number): WeeklyWindow[] {
  const firstDay = (index % 5) + 1;
  const startHour = 9 + (index % 6);
  return [0, 2, 4].map((offset) => ({
    weekday: ((firstDay + offset - 1) % 7) + 1,
    start: `${String(startHour).padStart(2, '0')}:00`,
    end: `${String(startHour + 2).padStart(2, '0')}:00`,
  }));
}

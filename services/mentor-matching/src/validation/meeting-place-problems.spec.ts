import { meetingPlaceProblems } from './meeting-place-problems';

describe('meetingPlaceProblems', () => {
  it('accepts a room, an https video link and a phone number, or neither field', () => {
    expect(meetingPlaceProblems({})).toEqual([]);
    expect(meetingPlaceProblems({ meetingMode: 'in-person', meetingPlace: 'Room 204, Anatomy block' })).toEqual([]);
    expect(meetingPlaceProblems({ meetingMode: 'video', meetingPlace: 'https://meet.example.edu/dr-khan' })).toEqual([]);
    expect(meetingPlaceProblems({ meetingMode: 'phone', meetingPlace: '+92 (42) 111-222-333' })).toEqual([]);
  });

  it('refuses a video link that is not https, naming the field', () => {
    expect(meetingPlaceProblems({ meetingMode: 'video', meetingPlace: 'http://meet.example.edu/dr-khan' })).toEqual([
      { field: 'meetingPlace', problem: 'must be an https:// link to the video meeting' },
    ]);
    expect(meetingPlaceProblems({ meetingMode: 'video', meetingPlace: 'Room 204' })).toHaveLength(1);
  });

  it('refuses a phone number that cannot be dialled and a missing place', () => {
    expect(meetingPlaceProblems({ meetingMode: 'phone', meetingPlace: 'call me' })).toEqual([{ field: 'meetingPlace', problem: expect.stringContaining('phone number') }]);
    expect(meetingPlaceProblems({ meetingMode: 'in-person', meetingPlace: '  ' })).toEqual([{ field: 'meetingPlace', problem: 'must name the room or place to meet' }]);
    expect(meetingPlaceProblems({ meetingMode: 'video' })).toEqual([{ field: 'meetingPlace', problem: 'must be the https:// link to the video meeting' }]);
  });

  it('refuses a place without its mode', () => {
    expect(meetingPlaceProblems({ meetingPlace: 'Room 204' })).toEqual([{ field: 'meetingMode', problem: expect.stringContaining('required') }]);
  });
});

import { replyTextOf } from './reply-text';

describe('replyTextOf', () => {
  it('keeps the new text above a Gmail attribution and its quote', () => {
    const body = 'Thursday at 2 works for me.\nThanks!\n\nOn Tue, 1 Dec 2026 at 10:02, Mentoring <reply+abc@mentoring.localhost> wrote:\n> Hi Sam,\n> could we meet?';
    expect(replyTextOf(body)).toBe('Thursday at 2 works for me.\nThanks!');
  });

  it('cuts at an attribution wrapped over two lines', () => {
    expect(replyTextOf('Yes please.\n\nOn Tue, 1 Dec 2026 at 10:02, The Student Mentoring\nTeam <m@example.edu> wrote:\n> old')).toBe('Yes please.');
  });

  it("cuts at Outlook's original-message rule and at a From: header block", () => {
    expect(replyTextOf('See you then.\r\n\r\n-----Original Message-----\r\nFrom: Team')).toBe('See you then.');
    expect(replyTextOf('See you then.\n\nFrom: Team <m@example.edu>\nSent: Tuesday')).toBe('See you then.');
    expect(replyTextOf('Fine.\n________________________________\nFrom: Team')).toBe('Fine.');
  });

  it('drops a signature after "-- "', () => {
    expect(replyTextOf('Ok\n-- \nSam, year 2')).toBe('Ok');
  });

  it('keeps a message with no quote whole, a line starting "From" inside a sentence included', () => {
    expect(replyTextOf('From Monday I am free.\nOn balance, mornings are best.')).toBe('From Monday I am free.\nOn balance, mornings are best.');
  });

  it('gives nothing for a reply made only of quoted text', () => {
    expect(replyTextOf('> quoted\n> more')).toBe('');
  });
});

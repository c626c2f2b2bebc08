import { mailAddressOf, mailDomainOf, messageIdFor } from './mail-identity';

describe('mail identity', () => {
  it('finds the domain of a From address with or without a display name', () => {
    expect(mailDomainOf('The Team <mentoring@example.edu>')).toBe('example.edu');
    expect(mailDomainOf('mentoring@example.edu')).toBe('example.edu');
    expect(mailAddressOf('The Team <mentoring@example.edu>')).toBe('mentoring@example.edu');
  });

  it('derives one stable Message-ID per delivery key', () => {
    const id = messageIdFor('evt-1:S-1001:email', 'example.edu');
    expect(id).toMatch(/^<[0-9a-f]{40}@example\.edu>$/);
    expect(messageIdFor('evt-1:S-1001:email', 'example.edu')).toBe(id);
    expect(messageIdFor('evt-2:S-1001:email', 'example.edu')).not.toBe(id);
  });
});

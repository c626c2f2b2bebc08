/**
 * The newly written part of an emailed reply. Mail clients put the quoted message below a line
 * of their own, so the reply is what comes before the first of:
 * - an attribution line: "On <date>, <name> wrote:" (Gmail, Apple Mail, Thunderbird; possibly
 *   wrapped over two lines) or "<date> <name> <address>:" ending with a colon after an address;
 * - Outlook's "-----Original Message-----" or a "From: " header block after a blank line or a
 *   "________________" rule;
 * - a line quoted with ">";
 * - a signature separator "-- " (RFC 3676).
 * Trailing blank lines are dropped. A reply made only of quoted text gives "".
 */
export function replyTextOf(body: string): string {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    const joined = `${line} ${lines[index + 1] ?? ''}`.trim();
    if (
      /^>/.test(line) ||
      line === '-- ' ||
      /^-{2,}\s*Original Message\s*-{2,}$/i.test(line.trim()) ||
      /^_{10,}$/.test(line.trim()) ||
      (/^From:\s/i.test(line) && (index === 0 || lines[index - 1].trim() === '')) ||
      /^On\s.+\swrote:$/i.test(line.trim()) ||
      (/^On\s/i.test(line.trim()) && /\swrote:$/i.test(joined) && !/\swrote:$/i.test(line.trim())) ||
      (/<[^<>@\s]+@[^<>\s]+>:\s*$/.test(line.trim()))
    ) {
      break;
    }
    kept.push(line);
  }
  while (kept.length > 0 && kept[kept.length - 1].trim() === '') kept.pop();
  while (kept.length > 0 && kept[0].trim() === '') kept.shift();
  return kept.join('\n');
}

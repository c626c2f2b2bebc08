import { DEFAULT_OPTIONS, parseOptions, USAGE } from './options';

describe('parseOptions', () => {
  it('uses the defaults without flags', () => {
    expect(parseOptions([])).toEqual(DEFAULT_OPTIONS);
  });

  it('reads "--flag value" and "--flag=value", with digit separators', () => {
    const options = parseOptions(['--messages', '50_000', '--students=20', '--out', 'tmp/bench']);
    expect(options).toMatchObject({ messages: 50_000, students: 20, outDir: 'tmp/bench' });
  });

  it('names the flag of a bad value', () => {
    expect(() => parseOptions(['--rate', 'fast'])).toThrow('--rate must be a positive integer (got "fast")');
    expect(() => parseOptions(['--rate', '0'])).toThrow('--rate must be a positive integer');
    expect(() => parseOptions(['--rate'])).toThrow('--rate needs a value');
  });

  it('refuses an unknown flag with the usage', () => {
    expect(() => parseOptions(['--mesages', '5'])).toThrow(/unknown option --mesages[\s\S]*--messages <n>/);
  });
});

describe('USAGE', () => {
  it('lists every flag with its default', () => {
    expect(USAGE).toContain('--idle-seconds <n>');
    expect(USAGE).toContain('default 30');
    expect(USAGE).toContain('--out <path>');
  });
});

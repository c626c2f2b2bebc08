import { planUpload, UploadedPart } from './upload-plan';

function part(originalName: string, fieldName = 'files'): UploadedPart {
  return { fieldName, originalName, path: `/tmp/upload/${originalName}` };
}

describe('planUpload', () => {
  it('recognises OneRoster files by name and ignores the rest of the set', () => {
    const plan = planUpload([part('results.csv'), part('lineItems.csv'), part('manifest.csv'), part('demographics.csv')]);

    expect(plan.ok && plan.value.kind === 'files' && [...plan.value.files.keys()]).toEqual(['results.csv', 'lineItems.csv', 'manifest.csv']);
    expect(plan.ok && plan.value.ignored.map((p) => p.originalName)).toEqual(['demographics.csv']);
  });

  it('takes the form field name when the file name is not a OneRoster name', () => {
    const plan = planUpload([part('export-1.csv', 'results.csv')]);

    expect(plan.ok && plan.value.kind === 'files' && [...plan.value.files.keys()]).toEqual(['results.csv']);
  });

  it('takes one zip file as the whole set', () => {
    const plan = planUpload([part('Grades Spring.ZIP', 'file')]);

    expect(plan).toMatchObject({ ok: true, value: { kind: 'zip', zip: { originalName: 'Grades Spring.ZIP' } } });
  });

  it.each([
    ['nothing', [], 'files'],
    ['a file twice', [part('results.csv'), part('results.csv')], 'files.results.csv'],
    ['two zips', [part('a.zip'), part('b.zip')], 'files'],
    ['a zip and separate files', [part('set.zip'), part('results.csv')], 'files'],
  ])('refuses %s', (_case, parts, field) => {
    expect(planUpload(parts)).toEqual({ ok: false, problems: [expect.objectContaining({ field })] });
  });
});

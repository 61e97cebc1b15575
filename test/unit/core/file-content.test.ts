import { describe, expect, it } from 'vitest';
import { parseFileContent } from '../../../src/core/file-content';

describe('parseFileContent', () => {
  it('reads the documented shape', () => {
    expect(parseFileContent('report.pdf,48213,obj/2026/abc,pdf')).toEqual({
      name: 'report.pdf',
      size: 48213,
      objectKey: 'obj/2026/abc',
      ext: 'pdf',
    });
  });

  it('keeps commas in the name: the last three fields are size, key and extension', () => {
    expect(parseFileContent('Smith, J., invoice.csv,120,k1,csv')).toMatchObject({ name: 'Smith, J., invoice.csv', size: 120, objectKey: 'k1' });
  });

  it('trims the fields and reads the extension in lower case without a dot', () => {
    expect(parseFileContent(' notes.TXT , 7 , k2 , .TXT ')).toEqual({ name: 'notes.TXT', size: 7, objectKey: 'k2', ext: 'txt' });
  });

  it('gives a size that is missing or not a whole number as null, and still names the file', () => {
    expect(parseFileContent('a.pdf,,k3,pdf')?.size).toBeNull();
    expect(parseFileContent('a.pdf,12KB,k3,pdf')).toMatchObject({ name: 'a.pdf', size: null, objectKey: 'k3' });
    expect(parseFileContent('a.pdf,1e3,k3,pdf')?.size).toBeNull();
    expect(parseFileContent('a.pdf,9999999999999999,k3,pdf')?.size).toBeNull(); // past what a number holds exactly
  });

  it('an empty extension is kept empty', () => {
    expect(parseFileContent('README,5,k4,')?.ext).toBe('');
  });

  it('is null for content that names no file', () => {
    for (const content of ['', 'just text', 'objectKey,pdf', 'a,b,c', ',1,k,pdf', 'a.pdf,1,,pdf', ' , , , ']) {
      expect(parseFileContent(content), content).toBeNull();
    }
  });
});

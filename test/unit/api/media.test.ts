import { describe, expect, it } from 'vitest';
import {
  base64Bytes,
  checkUpload,
  cleanBase64,
  downloadRequestFor,
  fileToSend,
  parseDownload,
  parseUpload,
  uploadedContent,
  uploadKind,
} from '../../../src/api/media';
import { parseDownlinkMessage } from '../../../src/api/parse';

// The API's file rules, read as leniently as the real server needs: which file a message names, what a visitor
// may send and how it is named, and the two answers.

const message = (fields: Record<string, unknown>) => parseDownlinkMessage({ controlType: 'CHAT', sourceType: 'AGENT', ...fields });

describe('which file a message names (§5)', () => {
  it('a media-library file by its content with multiMedia; a local file as local/ + content with its type', () => {
    expect(downloadRequestFor(message({ mediaType: 'IMAGE', content: 'lib-123', mediaFileType: 'jpg' }))).toEqual({
      fileId: 'lib-123',
      fileType: 'jpg',
      multiMedia: 'multiMedia',
    });
    expect(downloadRequestFor(message({ mediaType: 'DOCUMENT', content: 'a/b.pdf', contentType: '1', mediaFileType: 'pdf' }))).toEqual({
      fileId: 'local/a/b.pdf',
      fileType: 'pdf',
    });
    expect(downloadRequestFor(message({ mediaType: 'FILE', content: 'invoice.pdf,2048,obs-key,pdf' }))).toEqual({
      fileId: 'obs-key',
      fileType: 'pdf',
      multiMedia: 'multiMedia',
    });
    expect(downloadRequestFor(message({ mediaType: 'FILE_IMAGE', content: 'obs-key,PNG' }))).toMatchObject({ fileId: 'obs-key', fileType: 'png' });
    expect(downloadRequestFor(message({ mediaType: 'IMAGE', content: '  ' }))).toBeNull();
  });
});

describe('what a visitor may send (§3 row 5, §4)', () => {
  it('by extension, else by MIME type; anything else is refused before any request', () => {
    expect(uploadKind({ name: 'A.JPEG' })).toEqual({ ext: 'jpeg', mediaType: 'IMAGE' });
    expect(uploadKind({ name: 'song.aac' })).toEqual({ ext: 'aac', mediaType: 'AUDIO' });
    expect(uploadKind({ name: '', type: 'image/png' })).toEqual({ ext: 'png', mediaType: 'IMAGE' });
    expect(uploadKind({ name: 'notes', type: 'text/plain' })).toEqual({ ext: 'txt', mediaType: 'FILE' });
    expect(uploadKind({ name: 'report.pdf', type: 'application/pdf' })).toBeNull();
    // A name that says another type is not overruled by its MIME type.
    expect(uploadKind({ name: 'photo.heic', type: 'image/png' })).toBeNull();
    expect(checkUpload({ name: 'a.png', size: 10 }, 100)).toBeNull();
    expect(checkUpload({ name: 'a.png', size: 101 }, 100)).toBe('size');
    expect(checkUpload({ name: 'a.png', size: 0 }, 100)).toBe('empty');
    expect(checkUpload({ name: 'a.gif', size: 10 }, 100)).toBe('type');
  });

  it('names a file as the outbox keeps it: a nameless paste gets image.<ext>, a refused one says why', () => {
    expect(fileToSend({ name: '', type: 'image/png', size: 10 }, 100)).toEqual({ name: 'image.png', size: 10, type: 'image/png', ext: 'png', mediaType: 'IMAGE' });
    expect(fileToSend({ name: 'notes.txt', type: '', size: 3 }, 100)).toEqual({ name: 'notes.txt', size: 3, type: '', ext: 'txt', mediaType: 'FILE' });
    expect(fileToSend({ name: 'a.gif', size: 0 }, 100)).toBe('type');
    expect(fileToSend({ name: 'a.png', size: 0 }, 100)).toBe('empty');
    expect(fileToSend({ name: 'a.png', size: 101 }, 100)).toBe('size');
  });

  it('sends IMAGE, AUDIO and VIDEO as the objectKey, FILE as name,size,objectKey,ext', () => {
    expect(uploadedContent({ name: 'p.png', size: 5, ext: 'png', mediaType: 'IMAGE' }, 'k1')).toBe('k1');
    expect(uploadedContent({ name: 'a, b.csv', size: 7, ext: 'csv', mediaType: 'FILE' }, 'k2')).toBe('a  b.csv,7,k2,csv');
  });
});

describe('the answers', () => {
  it('downloadFileStream: base64 with a data: prefix, line breaks or URL-safe letters, at the top or under data', () => {
    expect(parseDownload({ resultCode: '0', fileStream: 'aGVs\nbG8=' }).fileStream).toBe('aGVsbG8=');
    expect(parseDownload({ resultCode: '0', fileStream: 'data:image/png;base64,aGVsbG8' }).fileStream).toBe('aGVsbG8=');
    expect(parseDownload({ resultCode: '0', data: { fileStream: '-_8' } }).fileStream).toBe('+/8=');
    expect(parseDownload({ resultCode: '0', data: 'aGk=' }).fileStream).toBe('aGk=');
    expect(parseDownload({ returnCode: '0', resultDesc: 'ok', fileStream: 'aGk=' })).toEqual({ resultCode: '0', resultDesc: 'ok', fileStream: 'aGk=' });
    expect(() => parseDownload({ resultCode: '0', fileStream: 'not base64!' })).toThrow(/fileStream/);
    expect(() => parseDownload({ resultCode: '0' })).toThrow(/fileStream/);
    expect(base64Bytes('aGVsbG8=')).toBe(5);
    expect(cleanBase64('a')).toBeNull();
  });

  it('uploadFileStream: the objectKey, also one level down; none is an error', () => {
    expect(parseUpload({ returnCode: '0', resultDesc: 'upload file success.', objectKey: ' k ' })).toEqual({
      resultCode: '0',
      resultDesc: 'upload file success.',
      objectKey: 'k',
    });
    expect(parseUpload({ returnCode: '0', data: { objectKey: 'k2' } }).objectKey).toBe('k2');
    expect(() => parseUpload({ returnCode: '0' })).toThrow(/objectKey/);
  });
});

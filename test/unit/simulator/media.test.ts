import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSimulator } from '../../../src/simulator/index.ts';
import { minimalPdf } from '../../../src/simulator/sample-media.ts';
import { call, Client, connectedClient, ORIGIN } from './helpers.ts';

// The simulator's files: what the agent sends (samples a browser can show), what the visitor uploads, and the
// vendor's codes for what goes wrong.

const sim = createSimulator({ pollHoldMs: 50 });
const server = setupServer(...sim.handlers);
let client: Client;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(async () => {
  client = await connectedClient();
});
afterEach(() => {
  sim.reset();
  sim.configure({ maxFileBytes: 2 * 1024 * 1024 });
});
afterAll(() => server.close());

const control = (action: string, body?: unknown) => call('POST', `${ORIGIN}/__sim/${action}`, { body });

describe('files in the simulator', () => {
  it('the agent sends each sample, and downloadFileStream serves it by the reference’s rules', async () => {
    for (const kind of ['image', 'audio', 'video', 'pdf']) expect((await control('agent-sends-file', { kind })).status).toBe(200);
    const messages = await client.poll();
    expect(messages.map((m) => [m.sourceType, m.mediaType, m.mediaFileType, m.contentType ?? null])).toEqual([
      ['AGENT', 'IMAGE', 'png', null],
      ['AGENT', 'AUDIO', 'mp3', null],
      ['AGENT', 'VIDEO', 'mp4', null],
      ['AGENT', 'DOCUMENT', 'pdf', '1'],
    ]);
    const image = await client.post<{ fileStream: string }>('downloadFileStream', { fileId: messages[0].content, multiMedia: 'multiMedia', channel: 'WEB' });
    expect(Buffer.from(image.body.fileStream, 'base64').subarray(1, 4).toString()).toBe('PNG');
    const pdf = await client.post<{ fileStream: string }>('downloadFileStream', { fileId: `local/${messages[3].content}`, fileType: 'pdf', channel: 'WEB' });
    expect(Buffer.from(pdf.body.fileStream, 'base64').toString().startsWith('%PDF-1.4')).toBe(true);
    expect((await control('agent-sends-file', { kind: 'gif' })).status).toBe(400);
  });

  it('stores an upload under a new objectKey and serves it back', async () => {
    const stream = Buffer.from('hello').toString('base64');
    const upload = await client.post<{ returnCode: string; objectKey: string }>('uploadFileStream', { fileType: 'txt', fileStream: stream, channel: 'WEB' });
    expect(upload.body.returnCode).toBe('0');
    const download = await client.post<{ resultCode: string; fileStream: string }>('downloadFileStream', { fileId: upload.body.objectKey, channel: 'WEB' });
    expect(download.body).toMatchObject({ resultCode: '0', fileStream: stream });
  });

  it('answers with the vendor’s codes: 2 missing, 3 a type it does not take, 13 too large (both ways); 401 no such file', async () => {
    const post = (body: unknown) => client.post<{ returnCode?: string; resultCode?: string }>('uploadFileStream', body);
    expect((await post({ fileType: 'png', channel: 'WEB' })).body.returnCode).toBe('2');
    expect((await post({ fileType: 'pdf', fileStream: 'AAAA', channel: 'WEB' })).body.returnCode).toBe('3');
    expect((await post({ fileType: 'png', fileStream: 'not base64!', channel: 'WEB' })).body.returnCode).toBe('3');
    sim.configure({ maxFileBytes: 2 });
    expect((await post({ fileType: 'png', fileStream: 'AAAAAAAA', channel: 'WEB' })).body.returnCode).toBe('13');
    const tooLarge = await client.post<{ resultCode: string }>('downloadFileStream', { fileId: 'sim-media/parcel-photo', multiMedia: 'multiMedia', channel: 'WEB' });
    expect(tooLarge.body.resultCode).toBe('13');
    const missing = await client.post<{ resultCode: string }>('downloadFileStream', { fileId: 'nothing', channel: 'WEB' });
    expect(missing.body.resultCode).toBe('401');
  });

  it('writes a PDF whose cross-reference table points at its objects', () => {
    const pdf = minimalPdf(['Title', 'A (line) with \\ and ü']);
    const xref = Number(/startxref\n(\d+)/.exec(pdf)![1]);
    expect(pdf.slice(xref, xref + 4)).toBe('xref');
    const offsets = [...pdf.matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets).toHaveLength(5);
    offsets.forEach((offset, i) => expect(pdf.slice(offset, offset + 8)).toBe(`${i + 1} 0 obj\n`.slice(0, 8)));
    expect(pdf).toContain('(A \\(line\\) with \\\\ and ?)');
  });
});

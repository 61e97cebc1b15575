import { describe, expect, it } from 'vitest';
import type { DownlinkMessage } from '../../../../src/api/types';
import { sentFromHistory } from '../../../../src/core/controllers/sent-from-history';

const own = (mediaType: string | null, content: string, mediaFileType: string | null = null): DownlinkMessage => ({
  from: 'visitor', to: 'ch', channel: 'WEB', controlType: 'CHAT', mediaType, content, timestamp: 1, sourceType: 'CUSTOMER',
  senderNickname: null, senderAvatar: null, simQuestions: [], messageCode: 'm1', callId: null, contentType: null,
  mediaFileType, robotGender: null, interIdx: null, queueFlag: null, isOfflineStatus: null,
});

describe('a visitor message read from the history', () => {
  it('stays text when it is text', () => {
    expect(sentFromHistory(own('TEXT', 'hello, there'))).toEqual({ text: 'hello, there' });
    expect(sentFromHistory(own(null, 'hi'))).toEqual({ text: 'hi' });
  });

  it('is a file named by its objectKey when it is an IMAGE, AUDIO or VIDEO', () => {
    expect(sentFromHistory(own('IMAGE', 'obs/2026/photo-1.png'))).toEqual({
      text: 'photo-1.png',
      file: { name: 'photo-1.png', size: 0, type: '', ext: '', mediaType: 'IMAGE', objectKey: 'obs/2026/photo-1.png' },
    });
    expect(sentFromHistory(own('AUDIO', 'k-2', 'mp3')).file).toMatchObject({ mediaType: 'AUDIO', objectKey: 'k-2', ext: 'mp3' });
    expect(sentFromHistory(own('FILE_VIDEO', 'k-3,mp4')).file).toMatchObject({ mediaType: 'VIDEO', objectKey: 'k-3', ext: 'mp4' });
  });

  it('reads a FILE as fileName,sizeBytes,objectKey,ext, also when the name has commas', () => {
    expect(sentFromHistory(own('FILE', 'order, May 2026.csv,2048,obs/k-4,csv'))).toEqual({
      text: 'order, May 2026.csv',
      file: { name: 'order, May 2026.csv', size: 2048, type: '', ext: 'csv', mediaType: 'FILE', objectKey: 'obs/k-4' },
    });
  });

  it('stays text when a FILE does not have its four fields, or the content is empty', () => {
    expect(sentFromHistory(own('FILE', 'just-a-key'))).toEqual({ text: 'just-a-key' });
    expect(sentFromHistory(own('IMAGE', '  '))).toEqual({ text: '  ' });
  });

  it('reads a size that is not a number as unknown (0)', () => {
    expect(sentFromHistory(own('FILE', 'a.txt,big,k,txt')).file?.size).toBe(0);
  });
});

import type { DownlinkMessage } from '../../src/api/types';

/**
 * A complete DownlinkMessage for tests, every optional field null: give only what the test is
 * about. Shared by the Node and browser projects, so a new field is added in one place.
 */
export function downlink(fields: Partial<DownlinkMessage> = {}): DownlinkMessage {
  return {
    from: 'cfg-1',
    to: 'visitor-1',
    channel: 'WEB',
    controlType: 'CHAT',
    mediaType: 'TEXT',
    content: '',
    timestamp: 0,
    sourceType: 'ROBOT',
    senderNickname: null,
    senderAvatar: null,
    simQuestions: [],
    messageCode: null,
    callId: null,
    contentType: null,
    mediaFileType: null,
    robotGender: null,
    interIdx: null,
    queueFlag: null,
    isOfflineStatus: null,
    ...fields,
  };
}

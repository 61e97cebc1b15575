import type { VoiceFailure } from '../call/voice-host';

// Every string the widget shows or announces, in one table per language. A string that carries a
// value is a function, so each language can place the value (and pick a plural) where it belongs.

/** The UI strings of `<cc-chat>`. Override any of them through `stringsFor(locale, overrides)`. */
export interface CcStrings {
  /** Accessible name of the launcher button that opens the panel. */
  openChat: string;
  /** Added to the launcher's name when messages are unread, e.g. "3 unread messages". */
  unreadLabel: (count: number) => string;
  panelTitle: string;
  /** Accessible name of the buttons that close the panel. */
  closeChat: string;
  /** Accessible name of the transcript (`role="log"`). */
  transcriptLabel: string;
  /** A short word for the header, per connection state (`idle`, `connecting`, `connected`, `reconnecting`, `offline`, `ended`, `error`); '' for others. */
  connectionStatus: (state: string) => string;
  send: string;
  /** Accessible name of the message box. */
  messageLabel: string;
  messagePlaceholder: string;
  askForAgent: string;
  endChat: string;
  newConversation: string;
  /** The button above the transcript's oldest shown message that shows earlier ones. */
  showEarlier: string;
  retry: string;
  sending: string;
  sent: string;
  failedToSend: string;
  /** Display name of the robot when the server gives none. */
  robot: string;
  /** Display name of an agent when the server gives none. */
  agent: string;
  system: string;
  /** The visitor, as the author of their own messages. */
  you: string;
  connecting: string;
  reconnecting: string;
  offline: string;
  chatEnded: string;
  agentEndedChat: string;
  /** Shown while queued when the server gives no position. */
  waitingForAgent: string;
  /** 1 = next in line. */
  queuePosition: (position: number) => string;
  /** A rounded duration, e.g. "about 2 min"; never a false precision. */
  estimatedWait: (seconds: number) => string;
  /** Counts down while typing; a negative count means over the limit. */
  charactersLeft: (count: number) => string;
  /** What the live region announces for an appended message, e.g. "Agent Dana: Hello". */
  senderSays: (sender: string, text: string) => string;
  /** A visually hidden author prefix read before a message, e.g. "System: ". */
  speakerPrefix: (speaker: string) => string;
  genericError: string;
  /** The service answered 404: the base URL is probably wrong. */
  errorNotFound: string;
  /** The service answered 401: the token was refused. */
  errorUnauthorized: string;
  /** The service answered 429. */
  errorRateLimited: string;
  /** CONNECT refused for the channel (400): the channel configuration ID is probably wrong. */
  errorNoChannel: string;
  /** resultCode 12: outside the agents' working hours. */
  errorOutsideHours: string;
  /** CONNECT or "Talk to a person" answered 13: nobody can take the chat now. */
  errorNoAgent: string;
  /** The service refused a message or a connection (a non-zero resultCode). */
  errorSendRefused: string;
  /** Why a conversation ended, when known (session.endReason): it went offline, the queue let go, the voice menu took it. */
  endedOffline: string;
  endedQueue: string;
  endedIvr: string;
  openLink: string;
  download: string;
  viewLocation: string;
  openCard: string;
  mediaImage: string;
  mediaVideo: string;
  mediaAudio: string;
  mediaFile: string;
  mediaDocument: string;
  mediaLocation: string;
  mediaCard: string;
  /** A media type this version does not know. */
  mediaAttachment: string;
  /** The type name for a mediaType (`IMAGE` → "Image"; unknown → `mediaAttachment`; TEXT and null → ''). */
  mediaLabel: (mediaType: string | null) => string;
  /** A file size, e.g. "1.2 MB". */
  fileSize: (bytes: number) => string;
  suggestedQuestions: string;
  messageTooLong: (maxCharacters: number) => string;
  newMessages: string;
  /** The satisfaction survey after a conversation with an agent (the levels' names are the tenant's own). */
  surveyTitle: string;
  surveyRating: string;
  surveyChooseRating: string;
  surveyNps: string;
  surveyFcr: string;
  surveyYes: string;
  surveyNo: string;
  surveyComment: string;
  surveySubmit: string;
  surveySkip: string;
  surveyThanks: string;
  surveyFailed: string;
  /** Thumbs up or down on a robot answer (a thumbs down asks what was wrong). */
  feedbackHelpful: string;
  feedbackNotHelpful: string;
  feedbackWhy: string;
  feedbackSend: string;
  feedbackNeedComment: string;
  feedbackThanks: string;
  feedbackFailed: string;
  /** A message the visitor sent, once the contact center has read it (read receipts). */
  read: string;
  /** The header's button that saves the conversation as a text file. */
  downloadTranscript: string;
  /** Leaving a message when no agent can answer (doLeaveMessage). */
  leaveMessageOffer: string;
  leaveMessageTitle: string;
  leaveMessageIntro: string;
  leaveMessagePhone: string;
  leaveMessageText: string;
  leaveMessageSubmit: string;
  leaveMessageThanks: string;
  leaveMessageNeedPhone: string;
  leaveMessageNeedText: string;
  leaveMessageRefused: string;
  leaveMessageFailed: string;
  /** Received and sent files (the panel's media). */
  mediaLoading: string;
  mediaFailed: string;
  /** A received file over the size limit (`max-file-size`), which is not fetched. */
  mediaTooLarge: (maxBytes: number) => string;
  /** The alt text of an image: who sent it. */
  imageFrom: (sender: string) => string;
  /** Added to an image's name on the button that opens it full size. */
  openFullSize: string;
  /** Accessible name of the dialog that shows an image full size. */
  imageViewer: string;
  closeImage: string;
  /** The composer's button that opens the file picker. */
  attachFile: string;
  /** Why a chosen file is not sent: a type the API does not take, over the size limit, empty. */
  fileTypeRefused: (name: string) => string;
  fileTooLarge: (name: string, maxBytes: number) => string;
  fileEmpty: (name: string) => string;
  /** Shown over the panel while a file is dragged over it. */
  dropToSend: string;
  /** The visitor's file being uploaded (percent: how much was sent, null while unknown). */
  uploading: (percent: number | null) => string;
  /** A file that was not sent before a reload: its bytes are gone. */
  fileGone: string;
  /** Takes a file that cannot be sent any more out of the transcript. */
  removeFile: string;
  /** Accessible name of an audio or video player (the file's name or type). */
  playerLabel: (name: string) => string;
  /** Accessible name of the header's call button, for `call-media` audio or video. */
  startCall: (media: 'audio' | 'video') => string;
  hangUp: string;
  /** Hides the call's status once the call is over. */
  dismissCall: string;
  /** The plain sentence of `part="call-status"`, also written into the transcript ('' for idle). */
  callStatus: (status: CallStatusInfo) => string;
  /** Accessible name of the connected call's timer. */
  callDuration: string;
  /** Shown under the call's status while event requests fail and are retried. */
  callRetrying: string;
  /** Accessible name of the gateway details (`part="call-gateway"`). */
  callDetails: string;
  callGatewayDomain: string;
  callGatewayAddresses: string;
  /** The access code: the number the call goes to. */
  callAccessCode: string;
  callCaller: string;
  /** The voice's buttons: stop and resume sending the microphone. */
  mute: string;
  unmute: string;
  /** The button that shows the DTMF keypad, and the keypad's name. */
  keypad: string;
  /** Accessible name of one keypad key. */
  dtmfKey: (key: string) => string;
  /** Label of the tones sent so far. */
  dtmfSent: string;
  /** Accessible name of the microphone's level meter. */
  micLevel: string;
  remoteVideo: string;
  localVideo: string;
  /** Added to the launcher's name while a call is going on. */
  callInProgress: string;
}

export type MediaNames = Pick<
  CcStrings,
  'mediaImage' | 'mediaVideo' | 'mediaAudio' | 'mediaFile' | 'mediaDocument' | 'mediaLocation' | 'mediaCard' | 'mediaAttachment'
>;

export function mediaName(names: MediaNames, mediaType: string | null): string {
  switch (mediaType) {
    case null:
    case 'TEXT':
      return '';
    case 'IMAGE':
    case 'FILE_IMAGE':
      return names.mediaImage;
    case 'VIDEO':
    case 'FILE_VIDEO':
      return names.mediaVideo;
    case 'AUDIO':
      return names.mediaAudio;
    case 'FILE':
      return names.mediaFile;
    case 'DOCUMENT':
      return names.mediaDocument;
    case 'LOCATE':
      return names.mediaLocation;
    case 'WEBCARD':
      return names.mediaCard;
    default:
      return names.mediaAttachment;
  }
}

const enMedia: MediaNames = {
  mediaImage: 'Image',
  mediaVideo: 'Video',
  mediaAudio: 'Audio',
  mediaFile: 'File',
  mediaDocument: 'Document',
  mediaLocation: 'Location',
  mediaCard: 'Card',
  mediaAttachment: 'Attachment',
};

export const en: CoreStrings = {
  openChat: 'Open chat',
  unreadLabel: (n) => (n === 1 ? '1 unread message' : `${n} unread messages`),
  panelTitle: 'Chat with us',
  closeChat: 'Close chat',
  robot: 'Virtual assistant',
  agent: 'Agent',
  system: 'System',
  you: 'You',
  connecting: 'Connecting…',
  chatEnded: 'The chat has ended',
  agentEndedChat: 'The agent ended the chat',
  senderSays: (sender, text) => `${sender}: ${text}`,
  speakerPrefix: (speaker) => `${speaker}: `,
  genericError: 'Something went wrong. Please try again.',
  ...enMedia,
  mediaLabel: (mediaType) => mediaName(enMedia, mediaType),
  suggestedQuestions: 'Suggested questions',
  callInProgress: 'call in progress',
};

/** The strings only the click-to-call shows: their English comes with the call's code (src/call/call-strings.ts). */
export type CallStringKey =
  | 'startCall'
  | 'hangUp'
  | 'dismissCall'
  | 'callStatus'
  | 'callDuration'
  | 'callRetrying'
  | 'callDetails'
  | 'callGatewayDomain'
  | 'callGatewayAddresses'
  | 'callAccessCode'
  | 'callCaller'
  | 'mute'
  | 'unmute'
  | 'keypad'
  | 'dtmfKey'
  | 'dtmfSent'
  | 'micLevel'
  | 'remoteVideo'
  | 'localVideo';

export type CallStrings = Pick<CcStrings, CallStringKey>;

/** Every string but the call's: what the conversation's views read. */
export type ChatStrings = Omit<CcStrings, CallStringKey>;

/** The strings only the panel shows: their English comes with the panel's code (src/panel/panel-strings.ts). */
export type PanelStringKey =
  | 'transcriptLabel'
  | 'connectionStatus'
  | 'send'
  | 'messageLabel'
  | 'messagePlaceholder'
  | 'askForAgent'
  | 'endChat'
  | 'newConversation'
  | 'showEarlier'
  | 'retry'
  | 'sending'
  | 'sent'
  | 'failedToSend'
  | 'reconnecting'
  | 'offline'
  | 'waitingForAgent'
  | 'queuePosition'
  | 'estimatedWait'
  | 'charactersLeft'
  | 'errorNotFound'
  | 'errorUnauthorized'
  | 'errorRateLimited'
  | 'errorNoChannel'
  | 'errorOutsideHours'
  | 'errorNoAgent'
  | 'errorSendRefused'
  | 'endedOffline'
  | 'endedQueue'
  | 'endedIvr'
  | 'openLink'
  | 'download'
  | 'viewLocation'
  | 'openCard'
  | 'fileSize'
  | 'messageTooLong'
  | 'newMessages'
  | 'surveyTitle'
  | 'surveyRating'
  | 'surveyChooseRating'
  | 'surveyNps'
  | 'surveyFcr'
  | 'surveyYes'
  | 'surveyNo'
  | 'surveyComment'
  | 'surveySubmit'
  | 'surveySkip'
  | 'surveyThanks'
  | 'surveyFailed'
  | 'downloadTranscript'
  | 'read'
  | 'feedbackHelpful'
  | 'feedbackNotHelpful'
  | 'feedbackWhy'
  | 'feedbackSend'
  | 'feedbackNeedComment'
  | 'feedbackThanks'
  | 'feedbackFailed'
  | 'leaveMessageOffer'
  | 'leaveMessageTitle'
  | 'leaveMessageIntro'
  | 'leaveMessagePhone'
  | 'leaveMessageText'
  | 'leaveMessageSubmit'
  | 'leaveMessageThanks'
  | 'leaveMessageNeedPhone'
  | 'leaveMessageNeedText'
  | 'leaveMessageRefused'
  | 'leaveMessageFailed'
  | 'mediaLoading'
  | 'mediaFailed'
  | 'mediaTooLarge'
  | 'imageFrom'
  | 'openFullSize'
  | 'imageViewer'
  | 'closeImage'
  | 'attachFile'
  | 'fileTypeRefused'
  | 'fileTooLarge'
  | 'fileEmpty'
  | 'dropToSend'
  | 'uploading'
  | 'fileGone'
  | 'removeFile'
  | 'playerLabel';

export type PanelStrings = Pick<CcStrings, PanelStringKey>;

/** What the element itself reads before any part is loaded: the launcher, the live region, sender names. */
export type CoreStrings = Omit<CcStrings, CallStringKey | PanelStringKey>;

/**
 * English: the table above, completed by the parts that bring strings of their own (the panel's and the
 * call's, once their code is loaded; only they read them). Cast: until then, their keys are missing.
 */
let english = en as CcStrings;

/** Adds strings a part brought (its English). */
export function addEnglish(strings: Partial<CcStrings>): void {
  english = { ...english, ...strings };
}

/** Languages other than English, whose strings are fetched when first needed (see parts.ts). */
export type LoadableLanguage = 'zh';

const loaded = new Map<LoadableLanguage, CcStrings>();

/** Keeps the strings of a language once fetched (the element fetches them through parts.ts). */
export function registerStrings(language: LoadableLanguage, strings: CcStrings): void {
  loaded.set(language, strings);
}

export function hasStrings(language: LoadableLanguage): boolean {
  return loaded.has(language);
}

/**
 * The language a BCP 47 locale asks for beyond English: Chinese for any `zh…` tag (`zh`, `zh-CN`,
 * `zh_CN`, `zh-Hans-CN`, also `zh-TW`: Simplified reads better than English); null for English and
 * every language the widget does not have.
 */
export function loadableLanguage(locale: string | undefined): LoadableLanguage | null {
  const tag = (locale ?? '').trim().toLowerCase().replace(/_/g, '-');
  return tag === 'zh' || tag.startsWith('zh-') ? 'zh' : null;
}

/**
 * The strings for a BCP 47 locale (a registered language's, else English), with `overrides`
 * laid over them. Override entries that are undefined are ignored, so a partial object built from
 * optional fields never blanks a string.
 */
export function stringsFor(locale: string | undefined, overrides?: Partial<CcStrings>): CcStrings {
  const language = loadableLanguage(locale);
  const base = (language && loaded.get(language)) || english;
  if (!overrides) return base;
  const result: CcStrings = { ...base };
  for (const key of Object.keys(overrides) as Array<keyof CcStrings>) {
    const value = overrides[key];
    // Only known keys, and only of the same kind (text vs. function), so a bad override cannot crash rendering.
    if (value !== undefined && Object.hasOwn(base, key) && typeof value === typeof base[key]) {
      (result as unknown as Record<string, unknown>)[key] = value;
    }
  }
  return result;
}

/** What `callStatus` reads of a call (the fields of `CallStatus` it needs). */
export interface CallStatusInfo {
  state: string;
  /** Why a call was refused: a createClickToCall resultCode, `unsupported`, `no-webrtc`; `error` = not started. */
  rejection: string | null;
  causeId: string | null;
  causeDesc: string | null;
  durationSeconds: number | null;
  endedByVisitor: boolean;
  /** Why the call's voice failed, when that ended the call. */
  voiceFailure?: VoiceFailure | null;
}

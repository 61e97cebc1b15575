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
  /** The service refused a message or a connection (a non-zero resultCode). */
  errorSendRefused: string;
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
  /** Added to the launcher's name while a call is going on. */
  callInProgress: string;
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
}

/** A call's length as m:ss, or h:mm:ss from an hour on. */
export function formatCallDuration(seconds: number): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

function causeText(status: CallStatusInfo, cause: (id: string) => string): string {
  const desc = status.causeDesc?.trim().slice(0, 200) || '';
  const id = status.causeId?.trim().slice(0, 40) || '';
  return `${desc}${id ? cause(id) : ''}`.trim();
}

function enCallStatus(status: CallStatusInfo): string {
  switch (status.state) {
    case 'requesting':
      return 'Calling…';
    case 'queued':
      return 'Waiting for an agent to answer…';
    case 'connected':
      return 'Call connected';
    case 'ended': {
      const base = status.endedByVisitor ? 'You ended the call' : 'The call has ended';
      return status.durationSeconds !== null ? `${base} (${formatCallDuration(status.durationSeconds)})` : base;
    }
    case 'timeout':
      return 'No agent answered in time. Please try again later.';
    case 'failed': {
      if (status.rejection === 'error') return 'The call could not be started. Please try again.';
      const cause = causeText(status, (id) => ` (cause ${id})`);
      return cause ? `The call failed: ${cause}` : 'The call failed.';
    }
    case 'rejected':
      switch (status.rejection) {
        case '7':
        case 'unsupported':
          return 'Calls are not available on this channel.';
        case '12':
          return 'Our agents are not available right now. Please call during working hours.';
        case '13':
          return 'No agent is available right now. Please try again later.';
        case 'no-webrtc':
          return 'This browser cannot make calls.';
        default:
          return 'The call could not be started.';
      }
    default:
      return '';
  }
}

function zhCallStatus(status: CallStatusInfo): string {
  switch (status.state) {
    case 'requesting':
      return '正在呼叫…';
    case 'queued':
      return '正在等待客服接听…';
    case 'connected':
      return '通话已接通';
    case 'ended': {
      const base = status.endedByVisitor ? '您已挂断通话' : '通话已结束';
      return status.durationSeconds !== null ? `${base}（时长 ${formatCallDuration(status.durationSeconds)}）` : base;
    }
    case 'timeout':
      return '排队超时，暂无客服接听，请稍后再试。';
    case 'failed': {
      if (status.rejection === 'error') return '无法发起通话，请重试。';
      const cause = causeText(status, (id) => `（原因码 ${id}）`);
      return cause ? `通话失败：${cause}` : '通话失败。';
    }
    case 'rejected':
      switch (status.rejection) {
        case '7':
        case 'unsupported':
          return '该渠道暂不支持通话。';
        case '12':
          return '当前不在客服工作时间，请在工作时间内来电。';
        case '13':
          return '暂无空闲客服，请稍后再试。';
        case 'no-webrtc':
          return '当前浏览器不支持通话。';
        default:
          return '无法发起通话。';
      }
    default:
      return '';
  }
}

function minutesText(seconds: number, less: string, about: (h: number, m: number) => string): string {
  const s = Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
  if (s < 60) return less;
  const minutes = Math.round(s / 60);
  return about(Math.floor(minutes / 60), minutes % 60);
}

function sizeText(bytes: number): string {
  const b = Number.isFinite(bytes) && bytes > 0 ? bytes : 0;
  if (b < 1024) return `${Math.round(b)} B`;
  if (b < 1024 * 1024) return `${(b / 1024).toFixed(b < 10 * 1024 ? 1 : 0)} KB`;
  return `${(b / (1024 * 1024)).toFixed(1)} MB`;
}

type MediaNames = Pick<
  CcStrings,
  'mediaImage' | 'mediaVideo' | 'mediaAudio' | 'mediaFile' | 'mediaDocument' | 'mediaLocation' | 'mediaCard' | 'mediaAttachment'
>;

function mediaName(names: MediaNames, mediaType: string | null): string {
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

const zhMedia: MediaNames = {
  mediaImage: '图片',
  mediaVideo: '视频',
  mediaAudio: '语音',
  mediaFile: '文件',
  mediaDocument: '文档',
  mediaLocation: '位置',
  mediaCard: '卡片',
  mediaAttachment: '附件',
};

const enStatus: Record<string, string> = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  connected: 'Online',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  ended: 'Chat ended',
  error: 'Connection problem',
};

const zhStatus: Record<string, string> = {
  idle: '未连接',
  connecting: '正在连接…',
  connected: '在线',
  reconnecting: '正在重新连接…',
  offline: '离线',
  ended: '对话已结束',
  error: '连接异常',
};

export const en: CcStrings = {
  openChat: 'Open chat',
  unreadLabel: (n) => (n === 1 ? '1 unread message' : `${n} unread messages`),
  panelTitle: 'Chat with us',
  closeChat: 'Close chat',
  transcriptLabel: 'Conversation',
  connectionStatus: (state) => (Object.hasOwn(enStatus, state) ? enStatus[state] : ''),
  send: 'Send',
  messageLabel: 'Message',
  messagePlaceholder: 'Type a message…',
  askForAgent: 'Talk to a person',
  endChat: 'End chat',
  newConversation: 'Start a new conversation',
  retry: 'Retry',
  sending: 'Sending…',
  sent: 'Sent',
  failedToSend: 'Failed to send',
  robot: 'Virtual assistant',
  agent: 'Agent',
  system: 'System',
  you: 'You',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  offline: 'You are offline. Messages will be sent when you are back online.',
  chatEnded: 'The chat has ended',
  agentEndedChat: 'The agent ended the chat',
  waitingForAgent: 'Waiting for an agent…',
  queuePosition: (p) => (p <= 1 ? 'You are next in the queue' : `You are number ${p} in the queue`),
  estimatedWait: (seconds) =>
    `Estimated wait: ${minutesText(seconds, 'less than a minute', (h, m) =>
      h === 0 ? `about ${m} min` : m === 0 ? `about ${h} h` : `about ${h} h ${m} min`,
    )}`,
  charactersLeft: (n) =>
    n < 0
      ? `${-n} ${n === -1 ? 'character' : 'characters'} too many`
      : `${n} ${n === 1 ? 'character' : 'characters'} left`,
  senderSays: (sender, text) => `${sender}: ${text}`,
  speakerPrefix: (speaker) => `${speaker}: `,
  genericError: 'Something went wrong. Please try again.',
  errorNotFound: 'The chat service was not found. Check the widget’s base URL.',
  errorUnauthorized: 'The chat service refused access: the site’s chat settings (channel ID or credentials) need checking.',
  errorRateLimited: 'Too many requests. Please wait a moment and try again.',
  errorNoChannel: 'This chat channel is not available. Check the widget’s channel ID.',
  errorOutsideHours: 'Our agents are not available right now. Please try again during working hours.',
  errorSendRefused: 'The chat service did not accept that. Please try again.',
  openLink: 'Open link',
  download: 'Download',
  viewLocation: 'View on map',
  openCard: 'Open',
  ...enMedia,
  mediaLabel: (mediaType) => mediaName(enMedia, mediaType),
  fileSize: sizeText,
  suggestedQuestions: 'Suggested questions',
  messageTooLong: (max) => `Message is too long: at most ${max} characters`,
  newMessages: 'New messages',
  startCall: (media) => (media === 'video' ? 'Start a video call' : 'Call us'),
  hangUp: 'Hang up',
  dismissCall: 'Dismiss',
  callStatus: enCallStatus,
  callDuration: 'Call duration',
  callRetrying: 'Connection problem. Retrying…',
  callDetails: 'Call details',
  callGatewayDomain: 'Gateway',
  callGatewayAddresses: 'Addresses',
  callAccessCode: 'Number called',
  callCaller: 'Caller',
  callInProgress: 'call in progress',
};

export const zhCN: CcStrings = {
  openChat: '打开在线客服',
  unreadLabel: (n) => `${n} 条未读消息`,
  panelTitle: '在线咨询',
  closeChat: '关闭对话',
  transcriptLabel: '对话记录',
  connectionStatus: (state) => (Object.hasOwn(zhStatus, state) ? zhStatus[state] : ''),
  send: '发送',
  messageLabel: '消息',
  messagePlaceholder: '请输入消息…',
  askForAgent: '转人工客服',
  endChat: '结束对话',
  newConversation: '开始新对话',
  retry: '重试',
  sending: '发送中…',
  sent: '已发送',
  failedToSend: '发送失败',
  robot: '智能助手',
  agent: '客服',
  system: '系统',
  you: '我',
  connecting: '正在连接…',
  reconnecting: '正在重新连接…',
  offline: '您已离线，恢复网络后将自动发送消息。',
  chatEnded: '对话已结束',
  agentEndedChat: '客服已结束对话',
  waitingForAgent: '正在为您转接客服…',
  queuePosition: (p) => (p <= 1 ? '下一位就轮到您' : `您当前排在第 ${p} 位`),
  estimatedWait: (seconds) =>
    `预计等待：${minutesText(seconds, '不到 1 分钟', (h, m) =>
      h === 0 ? `约 ${m} 分钟` : m === 0 ? `约 ${h} 小时` : `约 ${h} 小时 ${m} 分钟`,
    )}`,
  charactersLeft: (n) => (n < 0 ? `超出 ${-n} 个字符` : `还可输入 ${n} 个字符`),
  senderSays: (sender, text) => `${sender}：${text}`,
  speakerPrefix: (speaker) => `${speaker}：`,
  genericError: '出错了，请稍后重试。',
  errorNotFound: '未找到客服服务，请检查组件的服务地址（base URL）。',
  errorUnauthorized: '客服服务拒绝了访问：请检查网站的客服配置（渠道 ID 或凭据）。',
  errorRateLimited: '请求过于频繁，请稍候再试。',
  errorNoChannel: '该咨询渠道不可用，请检查组件的渠道配置 ID。',
  errorOutsideHours: '当前不在客服工作时间，请在工作时间内再试。',
  errorSendRefused: '客服服务未能受理，请重试。',
  openLink: '打开链接',
  download: '下载',
  viewLocation: '在地图中查看',
  openCard: '查看详情',
  ...zhMedia,
  mediaLabel: (mediaType) => mediaName(zhMedia, mediaType),
  fileSize: sizeText,
  suggestedQuestions: '猜你想问',
  messageTooLong: (max) => `消息过长：最多 ${max} 个字符`,
  newMessages: '新消息',
  startCall: (media) => (media === 'video' ? '视频通话' : '语音通话'),
  hangUp: '挂断',
  dismissCall: '关闭',
  callStatus: zhCallStatus,
  callDuration: '通话时长',
  callRetrying: '网络异常，正在重试…',
  callDetails: '通话信息',
  callGatewayDomain: '网关域名',
  callGatewayAddresses: '网关地址',
  callAccessCode: '被叫号码',
  callCaller: '主叫号码',
  callInProgress: '通话中',
};

/** True for any Chinese tag (`zh`, `zh-CN`, `zh_CN`, `zh-Hans-CN`, also `zh-TW`: Simplified reads better than English). */
function isChinese(locale: string): boolean {
  const tag = locale.trim().toLowerCase().replace(/_/g, '-');
  return tag === 'zh' || tag.startsWith('zh-');
}

/**
 * The strings for a BCP 47 locale (Chinese for any `zh…` tag, else English), with `overrides`
 * laid over them. Override entries that are undefined are ignored, so a partial object built from
 * optional fields never blanks a string.
 */
export function stringsFor(locale: string | undefined, overrides?: Partial<CcStrings>): CcStrings {
  const base = locale && isChinese(locale) ? zhCN : en;
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

import { causeText, formatCallDuration, type CallStatusInfo } from '../call/call-strings';
import type { VoiceFailure } from '../call/voice-host';
import { mediaName, type CcStrings, type MediaNames } from '../core/strings';
import { minutesText, sizeText } from './units';

// The Simplified Chinese strings of <cc-chat>, fetched the first time a Chinese locale is asked for
// (a chunk of its own for bundlers; cc-chat-zh.iife.js beside the script-tag file).

function callStatus(status: CallStatusInfo): string {
  switch (status.state) {
    case 'requesting':
      return '正在呼叫…';
    case 'queued':
      return '正在等待客服接听…';
    case 'dialing':
      return '正在接通通话…';
    case 'connected':
      return '通话已接通';
    case 'ended': {
      const base = status.endedByVisitor ? '您已挂断通话' : '通话已结束';
      return status.durationSeconds !== null ? `${base}（时长 ${formatCallDuration(status.durationSeconds)}）` : base;
    }
    case 'timeout':
      return '排队超时，暂无客服接听，请稍后再试。';
    case 'failed': {
      if (status.voiceFailure) return voiceFailureText(status.voiceFailure);
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

function voiceFailureText(failure: VoiceFailure): string {
  switch (failure.kind) {
    case 'permission':
      return '通话需要使用麦克风：请在浏览器中允许后重试。';
    case 'no-device':
      return '未找到麦克风：请连接麦克风后重试。';
    case 'media':
      return '无法启动麦克风（可能正被其他程序使用）。';
    case 'load':
      return '无法发起通话，请重试。';
    case 'config':
      return '无法接通通话：联络中心未提供通话网关。';
    case 'unreachable':
      return '无法连接通话服务，请稍后再试。';
    case 'ice':
      return '网络原因，通话语音无法接通。';
    case 'lost':
      return '与通话服务的连接已断开。';
    case 'sip':
      switch (failure.status) {
        case 404:
        case 604:
          return '所拨号码不存在（404）。';
        case 480:
          return '暂时无人接听（480）。';
        case 486:
        case 600:
          return '线路忙（486），请稍后再试。';
        case 503:
          return '通话服务不可用（503），请稍后再试。';
        default:
          return `通话失败（SIP ${failure.status}）。`;
      }
  }
}

const media: MediaNames = {
  mediaImage: '图片',
  mediaVideo: '视频',
  mediaAudio: '语音',
  mediaFile: '文件',
  mediaDocument: '文档',
  mediaLocation: '位置',
  mediaCard: '卡片',
  mediaAttachment: '附件',
};

const status: Record<string, string> = {
  idle: '未连接',
  connecting: '正在连接…',
  connected: '在线',
  reconnecting: '正在重新连接…',
  offline: '离线',
  ended: '对话已结束',
  error: '连接异常',
};

export const zhCN: CcStrings = {
  openChat: '打开在线客服',
  unreadLabel: (n) => `${n} 条未读消息`,
  panelTitle: '在线咨询',
  closeChat: '关闭对话',
  transcriptLabel: '对话记录',
  connectionStatus: (state) => (Object.hasOwn(status, state) ? status[state] : ''),
  send: '发送',
  messageLabel: '消息',
  messagePlaceholder: '请输入消息…',
  askForAgent: '转人工客服',
  endChat: '结束对话',
  newConversation: '开始新对话',
  showEarlier: '显示更早的消息',
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
  errorNoAgent: '当前没有客服可以接待您。',
  errorSendRefused: '客服服务未能受理，请重试。',
  endedOffline: '对话已离线，您可以开始新的对话。',
  endedQueue: '排队等待已结束，您可以开始新的对话。',
  endedIvr: '您的对话已转入语音菜单。',
  openLink: '打开链接',
  download: '下载',
  viewLocation: '在地图中查看',
  openCard: '查看详情',
  ...media,
  mediaLabel: (mediaType) => mediaName(media, mediaType),
  fileSize: sizeText,
  suggestedQuestions: '猜你想问',
  messageTooLong: (max) => `消息过长：最多 ${max} 个字符`,
  newMessages: '新消息',
  surveyTitle: '本次服务您满意吗？',
  surveyRating: '您对客服的评价',
  surveyChooseRating: '请先选择一个评价。',
  surveyNps: '您有多大可能向朋友推荐我们？（0 = 完全不会，9 = 非常可能）',
  surveyFcr: '您的问题解决了吗？',
  surveyYes: '是',
  surveyNo: '否',
  surveyComment: '还有什么想告诉我们的吗？（选填）',
  surveySubmit: '提交评价',
  surveySkip: '跳过',
  surveyThanks: '感谢您的反馈。',
  surveyFailed: '评价未能提交，请重试。',
  downloadTranscript: '下载对话记录',
  read: '已读',
  feedbackHelpful: '有帮助',
  feedbackNotHelpful: '没有帮助',
  feedbackWhy: '哪里不对？（必填）',
  feedbackSend: '发送',
  feedbackNeedComment: '请简单说明哪里不对。',
  feedbackThanks: '感谢您的反馈。',
  feedbackFailed: '反馈未能发送，请重试。',
  leaveMessageOffer: '留言',
  leaveMessageTitle: '给我们留言',
  leaveMessageIntro: '当前没有客服可以接待。请留下电话和留言，我们会给您回电。',
  leaveMessagePhone: '电话号码',
  leaveMessageText: '留言内容',
  leaveMessageSubmit: '提交留言',
  leaveMessageThanks: '谢谢，我们会给您回电。',
  leaveMessageNeedPhone: '请输入可回电的电话号码（数字、空格、+ ( ) -）。',
  leaveMessageNeedText: '请填写留言内容。',
  leaveMessageRefused: '电话号码或留言未被接受，请检查后再试。',
  leaveMessageFailed: '留言未能保存，请重试。',
  mediaLoading: '正在加载…',
  mediaFailed: '文件未能加载。',
  mediaTooLarge: (max) => `此文件超过 ${sizeText(max)}，无法显示。`,
  imageFrom: (sender) => `${sender}发送的图片`,
  openFullSize: '查看大图',
  imageViewer: '图片',
  closeImage: '关闭',
  attachFile: '添加文件',
  fileTypeRefused: (name) => `无法发送“${name}”。可发送图片（JPG、PNG、BMP）、音频（MP3、AAC）、视频（MP4）和文本文件（TXT、CSV）。`,
  fileTooLarge: (name, max) => `“${name}”太大，无法发送：文件最大 ${sizeText(max)}。`,
  fileEmpty: (name) => `“${name}”是空文件。`,
  dropToSend: '松开即可发送文件',
  uploading: (percent) => (percent === null ? '正在上传…' : `正在上传… ${percent}%`),
  fileGone: '未发送。页面已重新加载，请重新添加文件。',
  removeFile: '移除',
  playerLabel: (name) => name,
  startCall: (media) => (media === 'video' ? '视频通话' : '语音通话'),
  hangUp: '挂断',
  dismissCall: '关闭',
  callStatus: callStatus,
  callDuration: '通话时长',
  callRetrying: '网络异常，正在重试…',
  callDetails: '通话信息',
  callGatewayDomain: '网关域名',
  callGatewayAddresses: '网关地址',
  callAccessCode: '被叫号码',
  callCaller: '主叫号码',
  mute: '静音',
  unmute: '取消静音',
  keypad: '拨号键盘',
  dtmfKey: (key) => `拨 ${key}`,
  dtmfSent: '已拨',
  micLevel: '麦克风音量',
  remoteVideo: '客服视频',
  localVideo: '我的视频',
  callInProgress: '通话中',
};

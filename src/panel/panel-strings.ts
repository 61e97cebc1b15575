import { minutesText, sizeText, type PanelStrings } from '../element/strings';

// The English of what only the panel shows (header, notices, composer, message cards): it comes with the
// panel's code, which is fetched when the visitor first opens the chat (see src/element/parts.ts).

const enStatus: Record<string, string> = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  connected: 'Online',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  ended: 'Chat ended',
  error: 'Connection problem',
};

export const enPanel: PanelStrings = {
  transcriptLabel: 'Conversation',
  connectionStatus: (state) => (Object.hasOwn(enStatus, state) ? enStatus[state] : ''),
  send: 'Send',
  messageLabel: 'Message',
  messagePlaceholder: 'Type a message…',
  askForAgent: 'Talk to a person',
  endChat: 'End chat',
  newConversation: 'Start a new conversation',
  showEarlier: 'Show earlier messages',
  retry: 'Retry',
  sending: 'Sending…',
  sent: 'Sent',
  failedToSend: 'Failed to send',
  reconnecting: 'Reconnecting…',
  offline: 'You are offline. Messages will be sent when you are back online.',
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
  errorNotFound: 'The chat service was not found. Check the widget’s base URL.',
  errorUnauthorized: 'The chat service refused access: the site’s chat settings (channel ID or credentials) need checking.',
  errorRateLimited: 'Too many requests. Please wait a moment and try again.',
  errorNoChannel: 'This chat channel is not available. Check the widget’s channel ID.',
  errorOutsideHours: 'Our agents are not available right now. Please try again during working hours.',
  errorSendRefused: 'The chat service did not accept that. Please try again.',
  endedOffline: 'The chat is offline now. You can start a new conversation.',
  endedQueue: 'The wait for an agent has ended. You can start a new conversation.',
  endedIvr: 'Your chat was moved to the voice menu.',
  openLink: 'Open link',
  download: 'Download',
  viewLocation: 'View on map',
  openCard: 'Open',
  fileSize: sizeText,
  messageTooLong: (max) => `Message is too long: at most ${max} characters`,
  newMessages: 'New messages',
  surveyTitle: 'How was your chat?',
  surveyRating: 'Your rating of the agent',
  surveyChooseRating: 'Choose a rating first.',
  surveyNps: 'How likely are you to recommend us to a friend? (0 = not at all, 9 = very likely)',
  surveyFcr: 'Was your problem solved?',
  surveyYes: 'Yes',
  surveyNo: 'No',
  surveyComment: 'Anything else to tell us? (optional)',
  surveySubmit: 'Send rating',
  surveySkip: 'Skip',
  surveyThanks: 'Thank you for your feedback.',
  surveyFailed: 'Your rating could not be sent. Please try again.',
};

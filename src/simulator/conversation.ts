// The scripted conversation: robot greeting and FAQ, transfer to the queue, the queue counting down
// (derived from now(), no timers), the agent joining and answering, and the ends of a session.

import type { SimState, UserRecord, WireMessage, ChatState } from './state';

export const ROBOT_SIM_QUESTIONS = ['What are your opening hours?', 'Talk to a human agent'];
export const QUEUING_TEXT = 'Queuing...';
/** The robot's FAQ: what queryPhraseByKeyword matches the visitor's words against. */
export const ROBOT_FAQ = [
  'What are your opening hours?',
  'How much does delivery cost?',
  'How do I return an order?',
  'Where is my order?',
  'How do I change my password?',
  'Talk to a human agent',
];

/** The FAQ questions that contain every word of `text` (at most 5), as the robot's FAQ search would. */
export function faqMatches(text: string): string[] {
  const words = text.toLowerCase().split(/\s+/).filter((w) => w.length > 1);
  if (words.length === 0) return [];
  return ROBOT_FAQ.filter((q) => words.every((w) => q.toLowerCase().includes(w))).slice(0, 5);
}
export const AGENT_CONNECTED_TEXT = 'The call is connected to an agent.';

export interface SendResult {
  resultCode: string;
  resultDesc: string;
}

export interface SendBody {
  channel?: unknown;
  from?: unknown;
  to?: unknown;
  controlType?: unknown;
  mediaType?: unknown;
  content?: unknown;
  sourceType?: unknown;
  senderNickname?: unknown;
  timestamp?: unknown;
}

const UPLINK_CONTROL_TYPES = ['CONNECT', 'CHAT', 'TRANS2AGENT', 'INPUT', 'DISCONNECT', 'READ'];

/** The missing or invalid required field of a sendMsgReq, or null when it is fine. */
export function invalidSendField(body: SendBody): string | null {
  for (const field of ['channel', 'from', 'to', 'controlType', 'mediaType', 'sourceType'] as const) {
    if (typeof body[field] !== 'string' || body[field] === '') return field;
  }
  if (!UPLINK_CONTROL_TYPES.includes(body.controlType as string)) return 'controlType';
  if (body.content !== undefined && body.content !== null && typeof body.content !== 'string') return 'content';
  return null;
}

/** The user's chat state now; a queued session whose turn has come becomes 'agent'. */
export function chatState(state: SimState, user: UserRecord): ChatState {
  if (user.chat === 'queued' && user.connectAt !== null && state.now() >= user.connectAt) user.chat = 'agent';
  return user.chat;
}

export function queuePosition(state: SimState, user: UserRecord): number | null {
  if (chatState(state, user) !== 'queued' || user.queuedAt === null) return null;
  const { queueLength, queueStepMs } = state.options;
  const steps = queueStepMs > 0 ? Math.floor((state.now() - user.queuedAt) / queueStepMs) : queueLength;
  return Math.max(1, queueLength - steps);
}

/** A tiny keyword FAQ: the robot's answer to a customer message. */
export function robotAnswer(text: string): { content: string; simQuestions: string[] | null } {
  const t = text.toLowerCase();
  if (/human|agent|person|someone/.test(t)) {
    return {
      content: 'I can put you through to a human agent: use the "Talk to an agent" button and I will transfer you.',
      simQuestions: null,
    };
  }
  if (/hour|open|close|when/.test(t)) {
    return { content: 'We are open Monday to Friday, 9:00 to 18:00.', simQuestions: null };
  }
  if (/price|cost|fee|pay/.test(t)) {
    return { content: 'Our plans start at 10 EUR a month; you will find all prices on our website.', simQuestions: null };
  }
  if (/^\s*(hi|hello|hey)\b/.test(t)) {
    return { content: 'Hello again! What can I do for you?', simQuestions: ROBOT_SIM_QUESTIONS };
  }
  return {
    content: "Sorry, I didn't understand that. You can ask about our opening hours, or talk to a human agent.",
    simQuestions: ROBOT_SIM_QUESTIONS,
  };
}

export const FILE_TO_ROBOT = 'Thanks for the file. I cannot open files, but an agent can: use "Talk to a person".';
export const FILE_TO_AGENT = 'Thanks, I have your file. Let me take a look.';

function isFile(body: SendBody): boolean {
  return typeof body.mediaType === 'string' && body.mediaType !== 'TEXT';
}

export function agentAnswer(text: string): string {
  return `Thanks! Let me check that for you: "${text}".`;
}

/** The robot's interaction counter per simulator (interIdx: what robot feedback names an answer by). */
const robotTurns = new WeakMap<SimState, number>();

function robotMessage(state: SimState, content: string, simQuestions: string[] | null): Partial<WireMessage> {
  const turn = (robotTurns.get(state) ?? 0) + 1;
  robotTurns.set(state, turn);
  return {
    interIdx: String(turn),
    sourceType: 'ROBOT',
    content,
    simQuestions,
    senderNickname: state.options.robotName,
    senderAvatar: state.options.robotAvatar,
    robotGender: 'MALE',
  };
}

function agentMessage(state: SimState, content: string): Partial<WireMessage> {
  return { sourceType: 'AGENT', content, senderNickname: state.options.agentName, senderAvatar: state.options.agentAvatar };
}

function systemMessage(content: string): Partial<WireMessage> {
  return { sourceType: 'SYSTEM', content, senderNickname: 'System', senderAvatar: null };
}

export function robotSays(state: SimState, user: UserRecord, text: string, simQuestions?: string[] | null): void {
  state.schedule(user, robotMessage(state, text, simQuestions ?? null));
}

export function agentSays(state: SimState, user: UserRecord, text: string): void {
  state.schedule(user, agentMessage(state, text));
}

/** The agent sends a file (a sample's downlink fields: mediaType, content, mediaFileType, contentType). */
export function agentSendsFile(state: SimState, user: UserRecord, file: Partial<WireMessage>): void {
  state.schedule(user, { ...agentMessage(state, ''), ...file });
}

export function systemSays(state: SimState, user: UserRecord, text: string): void {
  state.schedule(user, systemMessage(text));
}

/** The agent ends the chat: a DISCONNECT downlink, and the session is over. */
export function agentDisconnects(state: SimState, user: UserRecord): void {
  chatState(state, user);
  state.dropPending(user);
  user.chat = 'ended';
  state.schedule(user, {
    controlType: 'DISCONNECT',
    sourceType: 'AGENT',
    mediaType: null,
    content: '',
    senderNickname: state.options.agentName,
    senderAvatar: state.options.agentAvatar,
  });
}

function startRobot(state: SimState, user: UserRecord): void {
  const now = state.now();
  user.chat = 'robot';
  user.queuedAt = null;
  user.connectAt = null;
  user.callId = null;
  state.dropPending(user);
  state.schedule(
    user,
    robotMessage(
      state,
      `Hello, I'm ${state.options.robotName}, the virtual assistant. How can I help you?`,
      ROBOT_SIM_QUESTIONS,
    ),
    now + state.options.replyDelayMs,
  );
}

function transfer(state: SimState, user: UserRecord): void {
  const now = state.now();
  const { queueLength, queueStepMs, replyDelayMs } = state.options;
  const connectAt = now + queueLength * queueStepMs;
  user.chat = 'queued';
  user.queuedAt = now;
  user.connectAt = connectAt;
  user.callId = `sim-call-${state.messageCode()}`;
  if (connectAt > now) state.schedule(user, systemMessage(QUEUING_TEXT), now);
  state.schedule(user, systemMessage(AGENT_CONNECTED_TEXT), connectAt);
  state.schedule(
    user,
    agentMessage(state, `Hi, this is ${state.options.agentName}. How can I help you today?`),
    connectAt + replyDelayMs,
  );
}

function recordCustomerMessage(state: SimState, user: UserRecord, body: SendBody): void {
  state.advance(user);
  user.transcript.push({
    from: user.userId,
    to: user.channelId,
    channel: 'WEB',
    controlType: 'CHAT',
    mediaType: body.mediaType as string,
    content: typeof body.content === 'string' ? body.content : '',
    simQuestions: null,
    senderNickname: typeof body.senderNickname === 'string' ? body.senderNickname : null,
    senderAvatar: null,
    timestamp: state.stamp(state.now()),
    sourceType: 'USER',
    callId: user.callId,
    robotGender: null,
    messageCode: state.messageCode(),
  });
}

const NO_SESSION: SendResult = { resultCode: '13', resultDesc: 'no active session: send CONNECT first.' };
const ENDED: SendResult = { resultCode: '13', resultDesc: 'the session has ended: send CONNECT to start a new one.' };

/** Applies a validated sendMsgReq from the customer to the user's conversation. */
export function handleSend(state: SimState, user: UserRecord, body: SendBody): SendResult {
  if (typeof body.to === 'string' && body.to) user.channelId = body.to;
  const current = chatState(state, user);
  const content = typeof body.content === 'string' ? body.content : '';
  switch (body.controlType) {
    case 'CONNECT':
      if (current === 'robot') return { resultCode: '0', resultDesc: 'connect to robot successfully.' };
      if (current === 'queued' || current === 'agent') return { resultCode: '0', resultDesc: 'success' };
      startRobot(state, user);
      return { resultCode: '0', resultDesc: 'connect to robot successfully.' };
    case 'CHAT':
      if (current === 'none') return NO_SESSION;
      if (current === 'ended') return ENDED;
      recordCustomerMessage(state, user, body);
      if (current === 'robot') {
        const answer = isFile(body) ? { content: FILE_TO_ROBOT, simQuestions: null } : robotAnswer(content);
        state.schedule(
          user,
          robotMessage(state, answer.content, answer.simQuestions),
          state.now() + state.options.replyDelayMs,
        );
        return { resultCode: '0', resultDesc: 'Send message to robot successfully' };
      }
      if (current === 'agent' && state.options.agentAutoReply) {
        // The agent reads it (a READ downlink, for a client that asks for read receipts), then answers.
        if (user.needRead) {
          state.schedule(user, { sourceType: 'AGENT', controlType: 'READ', mediaType: null, content: '[]' }, state.now() + state.options.replyDelayMs / 2);
        }
        const reply = isFile(body) ? FILE_TO_AGENT : agentAnswer(content);
        state.schedule(user, agentMessage(state, reply), state.now() + state.options.replyDelayMs);
      }
      return { resultCode: '0', resultDesc: 'sendUserMessage successfully.' };
    case 'TRANS2AGENT':
      if (current === 'none') return NO_SESSION;
      if (current === 'ended') return ENDED;
      if (current === 'agent') return { resultCode: '13', resultDesc: 'it has been agent service' };
      if (current === 'queued') return { resultCode: '0', resultDesc: 'transfer to agent successfully.' };
      if (state.options.agentAvailability === 'outside-hours') {
        return { resultCode: '12', resultDesc: 'The current time is not within the working time of the service agents' };
      }
      if (state.options.agentAvailability === 'none') return { resultCode: '13', resultDesc: 'No agents available currently' };
      transfer(state, user);
      return { resultCode: '0', resultDesc: 'transfer to agent successfully.' };
    case 'INPUT':
    case 'READ':
      if (current === 'none') return NO_SESSION;
      if (current === 'ended') return ENDED;
      return { resultCode: '0', resultDesc: 'send message successfully.' };
    case 'DISCONNECT':
      if (current === 'none') return NO_SESSION;
      if (current === 'ended') return { resultCode: '13', resultDesc: 'disconnect failed' };
      state.dropPending(user);
      user.chat = 'ended';
      return current === 'robot'
        ? { resultCode: '0', resultDesc: 'Disconnect robot successfully' }
        : { resultCode: '0', resultDesc: 'disconnect successfully' };
    default:
      return { resultCode: '1', resultDesc: `unknown controlType ${String(body.controlType)}` };
  }
}

/** queryQueueInfo's answer for the user. */
export function queueInfo(state: SimState, user: UserRecord | undefined): Record<string, unknown> {
  if (!user) return { resultCode: '160004', resultDesc: 'the session does not exist.' };
  const current = chatState(state, user);
  if (current === 'agent') return { resultCode: '160021', resultDesc: 'the session is already with an agent.' };
  if (current === 'ended') return { resultCode: '5', resultDesc: 'the session has ended.' };
  if (current !== 'queued' || user.queuedAt === null) {
    return { resultCode: '160004', resultDesc: 'the session is not queuing.' };
  }
  const position = queuePosition(state, user) ?? 0;
  const waited = Math.floor((state.now() - user.queuedAt) / 1000);
  const left = Math.max(0, Math.ceil(((user.connectAt ?? state.now()) - state.now()) / 1000));
  return {
    resultCode: '0',
    resultDesc: 'query queue info success.',
    position,
    totalWaitTime: waited,
    currentDeviceWaitTime: waited,
    configMaxcWaitTime: 600,
    longestWaitTime: waited,
    estimateWaitTime: left,
  };
}

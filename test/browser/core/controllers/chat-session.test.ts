import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { apiPart } from '../../../../src/api/api-part';
import type { CcApiError } from '../../../../src/core/errors';
import { ChatSession, type ChatSessionConfig, type ConnectionState } from '../../../../src/core/controllers/chat-session';
import type { ReceivedEntry, SentEntry } from '../../../../src/core/controllers/transcript-entry';
import { resetSimulator, sim, startSimulator } from '../../support/simulator';

// ChatSession on its own, with a fake host in place of <cc-chat>: what it asks of the API (through the
// simulator behind MSW), what it reports to its listener, and that its state can be read but not written.

class FakeHost implements ReactiveControllerHost {
  readonly controllers = new Set<ReactiveController>();
  updates = 0;
  addController(controller: ReactiveController): void {
    this.controllers.add(controller);
  }
  removeController(controller: ReactiveController): void {
    this.controllers.delete(controller);
  }
  requestUpdate(): void {
    this.updates += 1;
  }
  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true);
  }
  connect(): void {
    for (const controller of this.controllers) controller.hostConnected?.();
  }
  disconnect(): void {
    for (const controller of this.controllers) controller.hostDisconnected?.();
  }
}

class RecordingListener {
  readonly received: ReceivedEntry[] = [];
  readonly sent: SentEntry[] = [];
  readonly states: ConnectionState[] = [];
  readonly errors: Array<{ error: CcApiError; fatal: boolean }> = [];
  readonly unreadCounts: number[] = [];
  messages = (entries: ReceivedEntry[]): void => void this.received.push(...entries);
  sentEntry = (entry: SentEntry): void => void this.sent.push(entry);
  stateChange = (state: ConnectionState): void => void this.states.push(state);
  error = (error: CcApiError, fatal: boolean): void => void this.errors.push({ error, fatal });
  unread = (count: number): void => void this.unreadCounts.push(count);
}

let users = 0;
let host: FakeHost;
let listener: RecordingListener;
let userId: string;

function config(patch: Partial<ChatSessionConfig> = {}): ChatSessionConfig {
  return { baseUrl: '', channelId: 'ch-1', userId, locale: 'en', pollIntervalMs: 20, transcriptLimit: 500, ...patch };
}

function createSession(): ChatSession {
  const session = new ChatSession(
    host,
    {
      messages: listener.messages,
      sent: listener.sentEntry,
      stateChange: listener.stateChange,
      error: listener.error,
      unread: listener.unread,
    },
    async () => apiPart,
  );
  session.configure(config());
  host.connect();
  return session;
}

async function until(check: () => boolean, what: string): Promise<void> {
  await expect.poll(check, { timeout: 5000, message: what }).toBe(true);
}

const requestsOf = (operation: string, send?: string) =>
  sim.requests.filter((r) => r.operation === operation && (!send || (r.body as { controlType?: string } | null)?.controlType === send));

describe('ChatSession with a fake host', () => {
  beforeAll(() => startSimulator());
  beforeEach(() => {
    resetSimulator();
    sessionStorage.clear();
    users += 1;
    userId = `session-${users}-${Math.random().toString(36).slice(2, 8)}`.slice(0, 24);
    host = new FakeHost();
    listener = new RecordingListener();
  });
  afterEach(() => host.disconnect());

  it('registers with its host and asks nothing of the server before connect()', async () => {
    const session = createSession();
    expect(host.controllers.has(session)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sim.requests).toEqual([]);
    expect(session.state).toBe('idle');
    expect(session.live).toBe(false);
  });

  it('connects, reports each state, and delivers what the agent says to the listener and the transcript', async () => {
    const session = createSession();
    session.connect();
    await until(() => session.state === 'connected', 'the session connects');
    expect(listener.states).toEqual(['connecting', 'connected']);
    expect(requestsOf('send', 'CONNECT')).toHaveLength(1);
    expect(session.conversationId).not.toBe('');

    sim.agentSays('Hello from the agent', userId);
    await until(() => listener.received.some((e) => e.message.content === 'Hello from the agent'), 'the message arrives');
    expect(session.transcript.entries.some((e) => e.kind === 'received' && e.message.content === 'Hello from the agent')).toBe(true);
    expect(host.updates).toBeGreaterThan(0);
  });

  it('sends what the visitor types once, connecting first when needed', async () => {
    const session = createSession();
    const entry = session.send('  my order never came  ');
    expect(entry?.text).toBe('my order never came');
    await until(() => listener.sent.some((e) => e.key === entry!.key && e.status === 'sent'), 'the message is sent');
    const chats = requestsOf('send', 'CHAT');
    expect(chats.map((r) => (r.body as { content: string }).content)).toEqual(['my order never came']);
    expect(requestsOf('send', 'CONNECT')).toHaveLength(1);
  });

  it('refuses an empty message and one over the 1 KB limit without a request', () => {
    const session = createSession();
    expect(session.send('   ')).toBeNull();
    expect(session.send('x'.repeat(1025))).toBeNull();
    expect(sim.requests).toEqual([]);
  });

  it('exposes its state read-only: only the session writes it', async () => {
    const session = createSession();
    const writable = session as unknown as Record<string, unknown>;
    for (const name of ['state', 'mode', 'queue', 'lastError', 'endReason', 'agentUnavailable', 'conversationId', 'transcript', 'unread']) {
      const before = writable[name];
      expect(() => {
        writable[name] = 'changed from outside';
      }, name).toThrow(TypeError);
      expect(writable[name], name).toBe(before);
    }
    session.setUnread(2, false);
    expect(session.unread).toBe(2);
  });

  it('stops on a fatal answer, says so once, and polls no more', async () => {
    const session = createSession();
    session.connect();
    await until(() => session.state === 'connected', 'the session connects');
    sim.fault({ kind: 'status', status: 404, on: 'poll', count: 1000, userId });
    await until(() => listener.errors.some((e) => e.fatal), 'a fatal error is reported');
    expect(session.state).toBe('error');
    const polls = requestsOf('poll').length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(requestsOf('poll')).toHaveLength(polls);
    expect(listener.errors.filter((e) => e.fatal)).toHaveLength(1);
  });

  it('stops polling when its host goes away', async () => {
    const session = createSession();
    session.connect();
    await until(() => session.state === 'connected', 'the session connects');
    await until(() => requestsOf('poll').length >= 1, 'it polls');
    host.disconnect();
    // A poll in flight when the host left ends with it; none starts after that.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const polls = requestsOf('poll').length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(requestsOf('poll')).toHaveLength(polls);
  });
});

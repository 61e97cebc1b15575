import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

// A SIP-over-WebSocket test gateway (RFC 7118, subprotocol `sip`) for the demo and the tests, on loopback:
// the agent's page REGISTERs as the access code; a visitor's INVITE to that number is relayed to it, and
// everything of the same Call-ID (responses, ACK, BYE, CANCEL, INFO) goes to the other party. No media
// passes here: the two browsers' RTCPeerConnections connect directly. Not a real SIP proxy: no Via or
// Record-Route of its own, no authentication, one visitor and one agent per call.

interface Message {
  /** `INVITE`…, or null for a response. */
  method: string | null;
  status: number | null;
  ruriUser: string | null;
  headers: Map<string, string[]>;
  raw: string;
}

const COMPACT: Record<string, string> = {
  v: 'via',
  f: 'from',
  t: 'to',
  i: 'call-id',
  m: 'contact',
  l: 'content-length',
  c: 'content-type',
};

export function parseSip(raw: string): Message | null {
  const head = raw.split('\r\n\r\n', 1)[0] ?? '';
  const [start, ...lines] = head.split('\r\n');
  if (!start) return null;
  const headers = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const key = COMPACT[name] ?? name;
    headers.set(key, [...(headers.get(key) ?? []), line.slice(colon + 1).trim()]);
  }
  const response = /^SIP\/2\.0 (\d{3})/.exec(start);
  if (response) return { method: null, status: Number(response[1]), ruriUser: null, headers, raw };
  const request = /^([A-Z]+) sips?:(?:([^@;> ]+)@)?\S+ SIP\/2\.0$/.exec(start);
  if (!request) return null;
  return { method: request[1]!, status: null, ruriUser: request[2] ? decodeURIComponent(request[2]) : null, headers, raw };
}

/** The user part of a From/To/Contact value (`"Name" <sip:user@host>;tag=…`). */
function userOf(value: string | undefined): string | null {
  const match = /sips?:([^@;>]+)@/.exec(value ?? '');
  return match ? decodeURIComponent(match[1]!) : null;
}

/** A response to a request of ours to answer ourselves (REGISTER, an INVITE nobody can take). */
function respond(request: Message, status: number, reason: string, extra: string[] = []): string {
  const h = (name: string) => request.headers.get(name) ?? [];
  const to = h('to')[0] ?? '';
  return [
    `SIP/2.0 ${status} ${reason}`,
    ...h('via').map((v) => `Via: ${v}`),
    `From: ${h('from')[0] ?? ''}`,
    `To: ${/;tag=/.test(to) ? to : `${to};tag=gw${Math.random().toString(36).slice(2, 10)}`}`,
    `Call-ID: ${h('call-id')[0] ?? ''}`,
    `CSeq: ${h('cseq')[0] ?? ''}`,
    ...extra,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

export interface SipGatewayEvent {
  /** `INVITE`, `BYE`…, or the response's status as text. */
  what: string;
  callId: string;
  /** The request's Request-URI user (INVITE: the number called). */
  ruriUser: string | null;
  fromUser: string | null;
}

export interface SipGateway {
  /** Every request and response relayed or answered, oldest first (the tests read it). */
  readonly log: SipGatewayEvent[];
  /** Handles an HTTP upgrade to the gateway; false when it is not for the gateway's path. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Closes the WebSockets of everyone who did not register (the visitors): a dropped connection. */
  dropVisitors(): number;
  close(): void;
}

/** A gateway answering WebSocket upgrades at `path` (of a server it is attached to with {@link attachSipGateway}). */
export function createSipGateway(path = '/sip'): SipGateway {
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
  });
  const registered = new Map<string, WebSocket>();
  const dialogs = new Map<string, [WebSocket, WebSocket]>();
  const log: SipGatewayEvent[] = [];

  const send = (to: WebSocket, text: string) => {
    if (to.readyState === to.OPEN) to.send(text);
  };

  wss.on('connection', (ws) => {
    ws.on('message', (data) => {
      const message = parseSip(data.toString());
      if (!message) return;
      const callId = message.headers.get('call-id')?.[0] ?? '';
      log.push({
        what: message.method ?? String(message.status),
        callId,
        ruriUser: message.ruriUser,
        fromUser: userOf(message.headers.get('from')?.[0]),
      });
      if (message.method === 'REGISTER') {
        const user = userOf(message.headers.get('to')?.[0]);
        const expires = message.headers.get('expires')?.[0] ?? '600';
        if (user && expires !== '0') registered.set(user, ws);
        else if (user && registered.get(user) === ws) registered.delete(user);
        const contacts = (message.headers.get('contact') ?? []).map((c) => `Contact: ${c};expires=${expires}`);
        send(ws, respond(message, 200, 'OK', contacts));
        return;
      }
      const dialog = dialogs.get(callId);
      if (dialog) {
        send(dialog[0] === ws ? dialog[1] : dialog[0], message.raw);
        return;
      }
      if (message.method === 'INVITE') {
        const agent = message.ruriUser ? registered.get(message.ruriUser) : undefined;
        if (!agent || agent.readyState !== agent.OPEN) {
          send(ws, respond(message, 404, 'Not Found'));
          return;
        }
        dialogs.set(callId, [ws, agent]);
        send(agent, message.raw);
      } else if (message.method === 'OPTIONS') {
        send(ws, respond(message, 200, 'OK'));
      }
      // Anything else outside a call (the ACK of our own 404…) ends here.
    });
    ws.on('close', () => {
      for (const [user, socket] of registered) if (socket === ws) registered.delete(user);
      for (const [callId, pair] of dialogs) if (pair.includes(ws)) dialogs.delete(callId);
    });
  });

  return {
    log,
    handleUpgrade(request, socket, head) {
      if ((request.url ?? '').split('?')[0] !== path) return false;
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
      return true;
    },
    dropVisitors() {
      const agents = new Set(registered.values());
      let dropped = 0;
      for (const ws of wss.clients) {
        if (agents.has(ws)) continue;
        ws.terminate();
        dropped++;
      }
      return dropped;
    },
    close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}

/** Attaches the gateway to an HTTP server's upgrades (other upgrades, such as Vite's, are left alone). */
export function attachSipGateway(server: Server, gateway: SipGateway): void {
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    gateway.handleUpgrade(request, socket, head);
  });
}

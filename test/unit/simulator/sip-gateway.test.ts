import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { attachSipGateway, createSipGateway, parseSip, type SipGateway } from '../../../demo/sip-gateway';

// The SIP test gateway the demo and the tests dial: registration, routing by number and Call-ID, drops.

let server: Server;
let gateway: SipGateway;
let url: string;

beforeEach(async () => {
  server = createServer((_req, res) => res.writeHead(404).end());
  gateway = createSipGateway('/sip');
  attachSipGateway(server, gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/sip`;
});

afterEach(async () => {
  gateway.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

interface Peer {
  ws: WebSocket;
  next(): Promise<string>;
}

async function connect(): Promise<Peer> {
  const ws = new WebSocket(url, 'sip');
  const inbox: string[] = [];
  const waiting: Array<(m: string) => void> = [];
  ws.on('message', (data) => {
    const text = data.toString();
    const wake = waiting.shift();
    if (wake) wake(text);
    else inbox.push(text);
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  expect(ws.protocol).toBe('sip');
  return {
    ws,
    next: () => {
      const first = inbox.shift();
      return first !== undefined ? Promise.resolve(first) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

function request(method: string, ruri: string, callId: string, extra: string[] = []): string {
  return [
    `${method} ${ruri} SIP/2.0`,
    'Via: SIP/2.0/WS a.invalid;branch=z9hG4bK1',
    'From: <sip:visitor@d>;tag=1',
    `To: <${ruri}>`,
    `Call-ID: ${callId}`,
    `CSeq: 1 ${method}`,
    ...extra,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

describe('the SIP test gateway', () => {
  it('accepts only the sip subprotocol, registers, relays an INVITE to the number and the answer back', async () => {
    const agent = await connect();
    agent.ws.send(request('REGISTER', 'sip:123@d', 'reg-1', ['Contact: <sip:agent@b.invalid;transport=ws>', 'Expires: 600']));
    const registered = parseSip(await agent.next())!;
    expect(registered.status).toBe(200);
    expect(registered.headers.get('contact')?.[0]).toContain('expires=600');

    const visitor = await connect();
    visitor.ws.send(request('INVITE', 'sip:123@d', 'call-1'));
    const invite = parseSip(await agent.next())!;
    expect(invite.method).toBe('INVITE');
    expect(invite.ruriUser).toBe('123');

    agent.ws.send('SIP/2.0 200 OK\r\nCall-ID: call-1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n');
    expect(parseSip(await visitor.next())!.status).toBe(200);
    agent.ws.send(request('BYE', 'sip:visitor@a.invalid', 'call-1'));
    expect(parseSip(await visitor.next())!.method).toBe('BYE');
    expect(gateway.log.map((e) => e.what)).toEqual(['REGISTER', 'INVITE', '200', 'BYE']);
  });

  it('answers 404 to a number nobody registered', async () => {
    const visitor = await connect();
    visitor.ws.send(request('INVITE', 'sip:999@d', 'call-2'));
    const answer = parseSip(await visitor.next())!;
    expect(answer.status).toBe(404);
    expect(answer.headers.get('call-id')).toEqual(['call-2']);
  });

  it('drops the visitors\' connections and keeps the agents\'', async () => {
    const agent = await connect();
    agent.ws.send(request('REGISTER', 'sip:123@d', 'reg-2', ['Contact: <sip:agent@b.invalid>']));
    await agent.next();
    const visitor = await connect();
    const closed = new Promise((resolve) => visitor.ws.once('close', resolve));
    expect(gateway.dropVisitors()).toBe(1);
    await closed;
    expect(agent.ws.readyState).toBe(WebSocket.OPEN);
    agent.ws.close();
  });
});

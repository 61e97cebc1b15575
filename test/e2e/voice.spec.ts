import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { chromiumArgs, findChromium } from '../../scripts/chromium.mjs';
import { FAST, recordedOperations, resetSimulator, snapshot, widget } from './support';

// The call's voice end to end: the demo page (the visitor) and the agent page (/agent.html, JsSIP answering
// by itself) on the dev server's SIP test gateway (demo/sip-gateway.ts), both with Chromium's fake microphone
// and camera; the media goes between the two pages over loopback. The microphone is granted per context, so
// a context without the grant is a visitor who refuses it.

const ACCESS_CODE = '179080000537636';
/** A loopback port nobody listens on: the WebSocket is refused at once. */
const NOWHERE = 'ws://127.0.0.1:9/sip';

test.use({
  launchOptions: {
    executablePath: findChromium(),
    // Two pages on one machine connect over host candidates: no mDNS names that would not resolve.
    args: [...chromiumArgs, '--use-fake-device-for-media-stream', '--disable-features=WebRtcHideLocalIpsWithMdns'],
  },
  permissions: ['microphone', 'camera'],
});

let gateway = '';

test.beforeEach(async ({ request, baseURL }) => {
  gateway = `${baseURL!.replace(/^http/, 'ws')}/sip`;
  await resetSimulator(request);
  await configureCall(request, [gateway]);
  await request.post('/__sip/clear-log');
});

async function configureCall(request: APIRequestContext, callGwAddresses: string[]) {
  const response = await request.post('/__sim/configure', { data: { ...FAST, callGwAddresses } });
  expect(response.ok()).toBe(true);
}

/** Records the page's peer connections and the streams getUserMedia gave, before any script of the page runs. */
async function watchMedia(page: Page) {
  await page.addInitScript(() => {
    const pcs: RTCPeerConnection[] = [];
    const streams: MediaStream[] = [];
    const Original = window.RTCPeerConnection;
    window.RTCPeerConnection = class extends Original {
      constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
        super(...args);
        pcs.push(this);
      }
    };
    const media = navigator.mediaDevices;
    const getUserMedia = media.getUserMedia.bind(media);
    media.getUserMedia = async (constraints) => {
      const stream = await getUserMedia(constraints);
      streams.push(stream);
      return stream;
    };
    (window as unknown as { watched: unknown }).watched = { pcs, streams };
  });
}

/** Audio bytes of the visitor's last peer connection (getStats). */
function visitorBytes(page: Page): Promise<{ received: number; sent: number }> {
  return page.evaluate(async () => {
    const { pcs } = (window as unknown as { watched: { pcs: RTCPeerConnection[] } }).watched;
    let received = 0;
    let sent = 0;
    (await pcs[pcs.length - 1]?.getStats())?.forEach((r) => {
      if (r.kind !== 'audio') return;
      if (r.type === 'inbound-rtp') received += r.bytesReceived ?? 0;
      if (r.type === 'outbound-rtp') sent += r.bytesSent ?? 0;
    });
    return { received, sent };
  });
}

/** The readyState of every track getUserMedia gave the visitor's page. */
function visitorTracks(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window as unknown as { watched: { streams: MediaStream[] } }).watched.streams.flatMap((s) =>
      s.getTracks().map((t) => t.readyState),
    ),
  );
}

/** Every cc-error detail of the page, as it happens. */
async function watchErrors(page: Page): Promise<Array<Record<string, unknown>>> {
  const errors: Array<Record<string, unknown>> = [];
  await page.exposeFunction('recordCcError', (detail: string) => errors.push(JSON.parse(detail)));
  await page.addInitScript(() =>
    document.addEventListener('cc-error', (e) =>
      (window as unknown as { recordCcError(d: string): void }).recordCcError(JSON.stringify((e as CustomEvent).detail)),
    ),
  );
  return errors;
}

type AgentView = { state: string; calledUser: string | null; dtmf: string[]; endedBy: string | null };

async function openAgent(page: Page) {
  await page.goto('/agent.html');
  await expect(page.locator('#agent-state')).toHaveText('ready');
  return {
    view: () =>
      page.evaluate(() => {
        const { state, calledUser, dtmf, endedBy } = (window as unknown as { agent: AgentView }).agent;
        return { state, calledUser, dtmf: [...dtmf], endedBy };
      }),
    bytes: () =>
      page.evaluate(() =>
        (window as unknown as { agent: { audioBytes(): Promise<{ received: number; sent: number }> } }).agent.audioBytes(),
      ),
  };
}

async function startCall(page: Page) {
  const w = widget(page);
  await page.goto('/');
  await w.launcher.click();
  await w.button('call-button').click();
  return w;
}

/** Waits until the counter has grown by more than `by` from `from`. */
async function grows(read: () => Promise<number>, by = 500) {
  const from = await read();
  await expect.poll(read, { timeout: 10_000 }).toBeGreaterThan(from + by);
}

test('a call carries audio both ways: the INVITE to the access code, mute, DTMF, the visitor hangs up', async ({
  page,
  context,
  request,
}) => {
  // The first address cannot be reached: the next is tried, in the server's order.
  await configureCall(request, [NOWHERE, gateway]);
  const agent = await openAgent(await context.newPage());
  await watchMedia(page);
  const w = await startCall(page);
  const status = w.button('call-status');
  await expect(status).toHaveAttribute('data-state', 'connected', { timeout: 15_000 });
  await expect(w.button('call-timer')).toBeVisible();

  expect((await agent.view()).calledUser).toBe(ACCESS_CODE);
  const log = (await (await request.get('/__sip/log')).json()) as Array<{ what: string; ruriUser: string; fromUser: string }>;
  expect(log.find((e) => e.what === 'INVITE')).toMatchObject({ ruriUser: ACCESS_CODE, fromUser: 'AnonymousCard' });

  // Media flows both ways.
  await grows(async () => (await visitorBytes(page)).received);
  await grows(async () => (await agent.bytes()).received);
  await expect(w.button('call-level')).toBeVisible();
  await snapshot(page, 'voice-connected');

  // Muted: not a byte of the visitor's audio goes out, nor reaches the agent.
  await w.button('mute-button').click();
  await expect(w.button('mute-button')).toHaveAttribute('aria-pressed', 'true');
  await snapshot(page, 'voice-muted');
  await page.waitForTimeout(400);
  const mutedSent = (await visitorBytes(page)).sent;
  const mutedReceived = (await agent.bytes()).received;
  await page.waitForTimeout(1200);
  expect((await visitorBytes(page)).sent).toBe(mutedSent);
  expect((await agent.bytes()).received).toBe(mutedReceived);
  await w.button('mute-button').click();
  await expect(w.button('mute-button')).toHaveAttribute('aria-pressed', 'false');
  await grows(async () => (await agent.bytes()).received);

  // DTMF from the keypad, by click and by keyboard, reaches the agent.
  await w.button('keypad-button').click();
  await expect(w.button('call-keypad')).toBeVisible();
  await w.root.locator('[part~="dtmf-key"][data-key="1"]').click();
  await page.keyboard.press('#');
  await page.keyboard.press('5');
  await expect.poll(async () => (await agent.view()).dtmf, { timeout: 5000 }).toEqual(['1', '#', '5']);
  await expect(w.button('dtmf-sent')).toContainText('1#5');
  await snapshot(page, 'voice-keypad');

  // The visitor hangs up: BYE to the agent, dropClickToCall to the contact center, the microphone released.
  await w.button('hangup-button').click();
  await expect(status).toHaveAttribute('data-state', 'ended');
  await expect.poll(async () => (await agent.view()).state).toBe('ended');
  expect((await agent.view()).endedBy).toBe('remote');
  await expect.poll(() => recordedOperations(request)).toContain('dropClickToCall');
  expect(await visitorTracks(page)).toEqual(['ended']);
});

test('the agent hangs up: the visitor\'s call ends, the contact center is told, the microphone is released', async ({
  page,
  context,
  request,
}) => {
  const agentPage = await context.newPage();
  const agent = await openAgent(agentPage);
  await watchMedia(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  const w = await startCall(page);
  await expect(w.button('call-status')).toHaveAttribute('data-state', 'connected', { timeout: 15_000 });
  await snapshot(page, 'voice-dark');
  await agentPage.locator('#agent-hangup').click();
  await expect(w.button('call-status')).toHaveAttribute('data-state', 'ended');
  await expect(w.button('call-status')).toContainText('The call has ended');
  expect((await agent.view()).endedBy).toBe('local');
  await expect.poll(() => recordedOperations(request)).toContain('dropClickToCall');
  expect(await visitorTracks(page)).toEqual(['ended']);
});

test('leaving the page during a call sends BYE and the keepalive drop', async ({ page, context, request }) => {
  const agent = await openAgent(await context.newPage());
  const w = await startCall(page);
  await expect(w.button('call-status')).toHaveAttribute('data-state', 'connected', { timeout: 15_000 });
  await page.goto('about:blank');
  await expect.poll(async () => (await agent.view()).state).toBe('ended');
  await expect.poll(() => recordedOperations(request)).toContain('dropClickToCall');
});

test('a refused microphone is told plainly, and no call is placed', async ({ browser, request, baseURL }) => {
  const context = await browser.newContext({ baseURL, permissions: [] });
  const page = await context.newPage();
  const errors = await watchErrors(page);
  const w = await startCall(page);
  await expect(w.button('call-status')).toHaveAttribute('data-state', 'failed');
  await expect(w.button('call-status')).toContainText('needs your microphone');
  expect(await recordedOperations(request)).not.toContain('createClickToCall');
  expect(errors).toContainEqual(expect.objectContaining({ kind: 'call', operation: 'permission' }));
  await context.close();
});

test('an unreachable gateway is told, and the call is dropped at the contact center', async ({ page, request }) => {
  await configureCall(request, [NOWHERE]);
  await watchMedia(page);
  const errors = await watchErrors(page);
  const w = await startCall(page);
  await expect(w.button('call-status')).toHaveAttribute('data-state', 'failed', { timeout: 15_000 });
  await expect(w.button('call-status')).toContainText('could not be reached');
  expect(errors).toContainEqual(expect.objectContaining({ kind: 'call', operation: 'unreachable' }));
  await expect.poll(() => recordedOperations(request)).toContain('dropClickToCall');
  expect(await visitorTracks(page)).toEqual(['ended']);
});

test('a number nobody answers gets the SIP code in words (404)', async ({ page }) => {
  // No agent page: the gateway knows nobody at the access code.
  const w = await startCall(page);
  await expect(w.button('call-status')).toHaveAttribute('data-state', 'failed', { timeout: 15_000 });
  await expect(w.button('call-status')).toContainText('does not exist (404)');
  await snapshot(page, 'voice-failed');
});

test('a dropped connection to the gateway ends the call on every side', async ({ page, context, request }) => {
  const agent = await openAgent(await context.newPage());
  await watchMedia(page);
  const w = await startCall(page);
  await expect(w.button('call-status')).toHaveAttribute('data-state', 'connected', { timeout: 15_000 });
  expect((await (await request.post('/__sip/drop-visitors')).json()).dropped).toBe(1);
  await expect(w.button('call-status')).toHaveAttribute('data-state', 'failed');
  await expect(w.button('call-status')).toContainText('connection to the call service was lost');
  await expect.poll(() => recordedOperations(request)).toContain('dropClickToCall');
  expect(await visitorTracks(page)).toEqual(['ended']);
  void agent;
});

test('a video call shows the agent\'s video and the visitor\'s own; the closed panel keeps mute and hang-up', async ({
  page,
  context,
}) => {
  const agent = await openAgent(await context.newPage());
  const w = widget(page);
  await page.goto('/');
  await page.evaluate(() => document.querySelector('cc-chat')!.setAttribute('call-media', 'video'));
  await w.launcher.click();
  await w.button('call-button').click();
  await expect(w.button('call-status')).toHaveAttribute('data-state', 'connected', { timeout: 15_000 });
  const width = (part: string) =>
    w.button(part).evaluate((video) => (video as HTMLVideoElement).videoWidth);
  await expect.poll(() => width('call-remote-video'), { timeout: 10_000 }).toBeGreaterThan(0);
  await expect.poll(() => width('call-local-video')).toBeGreaterThan(0);
  // Frames decoded and painted, for the screenshot's sake.
  await expect
    .poll(() => w.button('call-remote-video').evaluate((v) => (v as HTMLVideoElement).getVideoPlaybackQuality().totalVideoFrames))
    .toBeGreaterThan(10);
  await snapshot(page, 'voice-video');

  await w.button('close-button').click();
  await expect(w.button('call')).toHaveClass(/compact/);
  await expect(w.button('mute-button')).toBeVisible();
  await expect(w.button('keypad-button')).toHaveCount(0);
  await snapshot(page, 'voice-compact');
  await page.setViewportSize({ width: 360, height: 640 });
  await expect(w.button('mute-button')).toBeInViewport();
  await expect(w.button('hangup-button')).toBeInViewport();
  await snapshot(page, 'voice-compact-narrow');
  await w.button('hangup-button').click();
  await expect.poll(async () => (await agent.view()).state).toBe('ended');
});

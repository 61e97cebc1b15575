import { expect, type Page } from '@playwright/test';
import { startProxyServer, type ProxyOptions, type ProxyServer } from '../../src/server/index.ts';
import { createSimulator, type SimulatorOptions } from '../../src/simulator/index.ts';
import { startSimulatorServer, type SimulatorServer } from '../../src/simulator/http.ts';
import { widget } from './support';

// The simulator standing in for the contact center (it checks x-app-key and the Bearer AccessToken like the real
// gateway) behind the site's proxy, which holds the app key and secret: for the end-to-end tests that go through
// the proxy over HTTP.

/** The tenant's credentials: known to the proxy and the simulator, never to the page. */
export const CREDENTIALS = {
  appKey: 'e2e-app-key-0d6f',
  appSecret: 'e2e-app-secret-9b1c4e7a',
  accessToken: 'e2e-access-token-5f2a8c31d9',
};

export interface BehindProxy {
  upstream: SimulatorServer;
  proxy: ProxyServer;
  close(): Promise<void>;
}

/** Starts both on free ports; the proxy admits the page's origin (`origin`). */
export async function startBehindProxy(
  origin: string,
  options: { simulator?: Partial<SimulatorOptions>; accessLog?: ProxyOptions['accessLog'] } = {},
): Promise<BehindProxy> {
  const { appKey, appSecret, accessToken } = CREDENTIALS;
  const simulator = createSimulator({
    appKey,
    appSecret,
    accessToken,
    pollHoldMs: 800,
    replyDelayMs: 50,
    ...options.simulator,
  });
  const upstream = await startSimulatorServer({ port: 0, simulator });
  const proxy = await startProxyServer({
    port: 0,
    target: upstream.url,
    appKey,
    appSecret,
    allowedOrigins: [origin],
    accessLog: options.accessLog ?? false,
  });
  return {
    upstream,
    proxy,
    async close() {
      await proxy.close();
      await upstream.close();
    },
  };
}

/** The demo page with its widget pointed at the proxy, opened, and the robot's greeting shown. */
export async function openThroughProxy(page: Page, proxy: ProxyServer) {
  const w = widget(page);
  await page.goto('/');
  await w.root.evaluate((el, url) => el.setAttribute('base-url', url), proxy.url);
  await w.launcher.click();
  await expect(w.messages('ROBOT').first()).toContainText('virtual assistant');
  return w;
}

import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { chromiumArgs, findChromium } from './scripts/chromium.mjs';

// Two projects in one run: fast Node tests for pure logic, and component/controller tests in
// real (Debian) Chromium. A vitest config replaces vite.config.ts, so nothing of the demo leaks in.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        // Pre-bundled up front, so Vite does not re-optimize mid-run and reload a test.
        optimizeDeps: { include: ['lit', 'lit/decorators.js', 'lit/directives/repeat.js', 'lit/directives/guard.js', 'lit/directive.js', 'lit/directive-helpers.js', 'axe-core', 'msw', 'msw/browser', 'jssip'] },
        test: {
          name: 'browser',
          // The SIP test gateway the calls with a voice dial (test/browser/call/voice.test.ts).
          globalSetup: ['test/support/sip-gateway-setup.ts'],
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 15_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              // A fake microphone and camera, granted without a prompt; host candidates without mDNS names.
              launchOptions: {
                executablePath: findChromium(),
                args: [
                  ...chromiumArgs,
                  '--use-fake-device-for-media-stream',
                  '--use-fake-ui-for-media-stream',
                  '--disable-features=WebRtcHideLocalIpsWithMdns',
                ],
              },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});

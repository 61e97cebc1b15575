import type { AddressInfo } from 'node:net';
import { loadEnv, type Plugin, type ViteDevServer } from 'vite';
import { attachSipGateway, createSipGateway } from './sip-gateway.ts';
import type { SimulatorOptions } from '../src/simulator/index';
import { DEMO_SIMULATOR_OPTIONS } from './simulator-options.ts';

// What the dev server (`npm start`) puts behind /apiaccess/ccmessaging/... at its own origin:
// - by default the ccmessaging simulator (and /__sim/... to script it), with a SIP test gateway at ws://<host>/sip
//   that "Call connected" points to, and /__sip/... to watch it (demo/sip-gateway.ts; the agent is /agent.html);
// - with CEC_BASE_URL, CEC_APP_KEY and CEC_APP_SECRET set (environment or .env files), the
//   server-side proxy to that real contact center, which keeps the secret on this server.
// The simulator and the proxy are loaded through the dev server (ssrLoadModule), not bundled into
// the config.
export function simulatorPlugin(options: Partial<SimulatorOptions> = {}): Plugin {
  return {
    name: 'cc-chat-simulator',
    apply: 'serve',
    async configureServer(server) {
      const env = { ...loadEnv(server.config.mode, server.config.root, 'CEC_'), ...process.env };
      const { createCcProxy, proxyOptionsFromEnv } = (await server.ssrLoadModule(
        '/src/server/index.ts',
      )) as typeof import('../src/server/index');
      const proxy = proxyOptionsFromEnv(env);
      if (proxy) {
        server.config.logger.info(`cc-chat: proxying /apiaccess/ccmessaging to ${proxy.target}`);
        server.middlewares.use(createCcProxy(proxy));
        return;
      }
      const { createSimulator } = (await server.ssrLoadModule('/src/simulator/index.ts')) as typeof import('../src/simulator/index');
      const { createSimulatorMiddleware } = (await server.ssrLoadModule(
        '/src/simulator/http.ts',
      )) as typeof import('../src/simulator/http');
      const simulator = createSimulator({ ...DEMO_SIMULATOR_OPTIONS, ...options });
      server.middlewares.use(createSimulatorMiddleware(simulator));
      serveSipGateway(server, (address) => simulator.configure({ callGwAddresses: [address] }));
    },
  };
}

/**
 * The SIP test gateway on the dev server's own port (path /sip), and its controls: GET /__sip/log (what it
 * relayed), POST /__sip/clear-log, POST /__sip/drop-visitors (closes the visitors' WebSockets). `onAddress`
 * gets the gateway's address once the server listens.
 */
function serveSipGateway(server: ViteDevServer, onAddress: (address: string) => void): void {
  const http = server.httpServer;
  if (!http) return;
  const gateway = createSipGateway('/sip');
  attachSipGateway(http as import('node:http').Server, gateway);
  http.once('listening', () => {
    const { port } = http.address() as AddressInfo;
    onAddress(`ws://localhost:${port}/sip`);
  });
  http.once('close', () => gateway.close());
  server.middlewares.use('/__sip/', (req, res) => {
    const action = (req.url ?? '').replace(/^\/+|\?.*$/g, '');
    const reply = (body: unknown) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(body));
    };
    if (action === 'log' && req.method === 'GET') return reply(gateway.log);
    if (action === 'clear-log' && req.method === 'POST') return reply({ cleared: gateway.log.splice(0).length });
    if (action === 'drop-visitors' && req.method === 'POST') return reply({ dropped: gateway.dropVisitors() });
    res.statusCode = 404;
    res.end('not found');
  });
}

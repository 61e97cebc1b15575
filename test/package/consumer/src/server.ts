// The Node entry: the proxy for the site's backend.
import { createServer } from 'node:http';
import { createCcProxy, type ProxyOptions } from 'cc-chat/server';

declare const options: ProxyOptions;
const proxy = createCcProxy(options);
createServer((req, res) => void proxy(req, res));
// @ts-expect-error: the proxy's options are typed, not `any`
createCcProxy(42);

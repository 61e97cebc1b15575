// The simulator entry, for the site's own tests (msw).
import { createSimulator } from 'cc-chat/simulator';

const simulator = createSimulator();
console.log(simulator.handlers.length);

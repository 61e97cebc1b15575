import { DEMO_SIMULATOR_OPTIONS } from './simulator-options';
import { setUpSettings } from './settings';

// The demo's control panel: each control posts to the simulator's /__sim/ endpoints, served by the
// same dev server as the page (see demo/simulator-plugin.ts), or in the static build (`npm run build:demo`)
// by the simulator in this page behind MSW's service worker (demo/browser-simulator.ts).

const STATIC_BUILD = import.meta.env.MODE === 'demo';
if (STATIC_BUILD) {
  // Before the widget exists: its first request must already reach the simulator.
  const { startBrowserSimulator } = await import('./browser-simulator');
  await startBrowserSimulator();
  for (const element of document.querySelectorAll<HTMLElement>('[data-when]')) {
    element.hidden = element.dataset.when !== 'static';
  }
}

const log = document.querySelector<HTMLElement>('#log')!;

async function control(action: string, body: unknown = {}): Promise<void> {
  const response = await fetch(`/__sim/${action}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  log.textContent = response.ok ? `Simulator: ${action} done.` : `Simulator: ${action} failed (${response.status}).`;
}

function onSubmit(selector: string, action: string): void {
  document.querySelector<HTMLFormElement>(selector)!.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = new FormData(event.target as HTMLFormElement).get('text');
    void control(action, { text });
  });
}

// Said by the simulator's agent, so the name in the text is the name shown above it.
document.querySelector<HTMLInputElement>('#agent-text')!.value =
  `${DEMO_SIMULATOR_OPTIONS.agentName} here again: your order left our warehouse this morning.`;
onSubmit('#agent-form', 'agent-says');
onSubmit('#system-form', 'system-says');

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-action]')) {
  button.addEventListener('click', () => void control(button.dataset.action!));
}
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-agent-file]')) {
  button.addEventListener('click', () => void control('agent-sends-file', { kind: button.dataset.agentFile }));
}
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-fault]')) {
  button.addEventListener('click', () => void control('fault', JSON.parse(button.dataset.fault!)));
}
document.querySelector<HTMLSelectElement>('#call-scenario')!.addEventListener('change', (event) => {
  void control('configure', { callScenario: (event.target as HTMLSelectElement).value });
});
document.querySelector<HTMLSelectElement>('#agent-availability')!.addEventListener('change', (event) => {
  void control('configure', { agentAvailability: (event.target as HTMLSelectElement).value });
});
document.querySelector<HTMLSelectElement>('#survey-type')!.addEventListener('change', (event) => {
  const [surveyType, ...surveyQuestions] = (event.target as HTMLSelectElement).value.split('+');
  void control('configure', { surveyType, surveyQuestions });
});

setUpSettings(document.querySelector<HTMLElement>('cc-chat')!);

// Show what the widget tells the page, as a host page would listen for it.
const events = document.querySelector<HTMLOListElement>('#events')!;
const names = [
  'cc-open', 'cc-close', 'cc-message', 'cc-message-sent', 'cc-connection-change', 'cc-unread-change', 'cc-error',
  'cc-call-status', 'cc-survey',
];
for (const name of names) {
  document.addEventListener(name, (event) => {
    const item = document.createElement('li');
    const detail = (event as CustomEvent).detail;
    item.textContent = `${name} ${JSON.stringify(detail)}`.slice(0, 300);
    events.prepend(item);
  });
}

// Last, once the page listens: the widget's first events are in the list too.
await import('../src/define');

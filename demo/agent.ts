import { SipAgent } from './sip-agent';

// The demo's agent page (/agent.html): the agent's side of the demo's calls, on the dev server's SIP test
// gateway (demo/sip-gateway.ts). The number and domain are the simulator's "Call connected" content.

const ACCESS_CODE = '179080000537636';
const DOMAIN = 'webrtc.sim.test';

const params = new URLSearchParams(location.search);
const auto = document.querySelector<HTMLInputElement>('#agent-auto')!;
auto.checked = params.get('auto') !== '0';

const agent = new SipAgent({
  url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sip`,
  user: ACCESS_CODE,
  domain: DOMAIN,
  autoAnswer: false,
});
// For the end-to-end tests, which play the agent through this page.
(window as unknown as { agent: SipAgent }).agent = agent;

const text = (selector: string, value: string) => {
  document.querySelector(selector)!.textContent = value;
};
const video = document.querySelector<HTMLVideoElement>('#agent-video')!;

agent.addEventListener('change', () => {
  text('#agent-state', agent.state);
  text('#agent-called', agent.calledUser ?? '–');
  text('#agent-caller', agent.callerUser ?? '–');
  text('#agent-dtmf', agent.dtmf.join(' ') || '–');
  if (video.srcObject !== agent.remoteStream) video.srcObject = agent.remoteStream;
  if (agent.state === 'ringing' && auto.checked) void agent.answer();
});
document.querySelector('#agent-answer')!.addEventListener('click', () => void agent.answer());
document.querySelector('#agent-hangup')!.addEventListener('click', () => agent.hangUp());

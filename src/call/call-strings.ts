import type { CallStatusInfo, CallStrings } from '../core/strings';
import type { VoiceFailure } from './voice-host';

export type { CallStatusInfo } from '../core/strings';

// The click-to-call's English, and what every language's call sentences need. It comes with the call's
// code (see src/core/parts.ts), so pages without calls do not carry it.

/** A call's length as m:ss, or h:mm:ss from an hour on. */
export function formatCallDuration(seconds: number): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export function causeText(status: CallStatusInfo, cause: (id: string) => string): string {
  const desc = status.causeDesc?.trim().slice(0, 200) || '';
  const id = status.causeId?.trim().slice(0, 40) || '';
  return `${desc}${id ? cause(id) : ''}`.trim();
}

function callStatus(status: CallStatusInfo): string {
  switch (status.state) {
    case 'requesting':
      return 'Calling…';
    case 'queued':
      return 'Waiting for an agent to answer…';
    case 'dialing':
      return 'Connecting your call…';
    case 'connected':
      return 'Call connected';
    case 'ended': {
      const base = status.endedByVisitor ? 'You ended the call' : 'The call has ended';
      return status.durationSeconds !== null ? `${base} (${formatCallDuration(status.durationSeconds)})` : base;
    }
    case 'timeout':
      return 'No agent answered in time. Please try again later.';
    case 'failed': {
      if (status.voiceFailure) return voiceFailureText(status.voiceFailure);
      if (status.rejection === 'error') return 'The call could not be started. Please try again.';
      const cause = causeText(status, (id) => ` (cause ${id})`);
      return cause ? `The call failed: ${cause}` : 'The call failed.';
    }
    case 'rejected':
      switch (status.rejection) {
        case '7':
        case 'unsupported':
          return 'Calls are not available on this channel.';
        case '12':
          return 'Our agents are not available right now. Please call during working hours.';
        case '13':
          return 'No agent is available right now. Please try again later.';
        case 'no-webrtc':
          return 'This browser cannot make calls.';
        default:
          return 'The call could not be started.';
      }
    default:
      return '';
  }
}

/** What went wrong with the call's voice, in English: the call's status, and the message of its `cc-error`. */
export function voiceFailureText(failure: VoiceFailure): string {
  switch (failure.kind) {
    case 'permission':
      return 'The call needs your microphone: allow it in the browser and try again.';
    case 'no-device':
      return 'No microphone was found: connect one and try again.';
    case 'media':
      return 'The microphone could not be started (another program may be using it).';
    case 'load':
      return 'The call could not be started. Please try again.';
    case 'config':
      return 'The call could not be connected: the contact center sent no gateway to call.';
    case 'unreachable':
      return 'The call service could not be reached. Please try again later.';
    case 'ice':
      return 'The call\'s audio could not get through the network.';
    case 'lost':
      return 'The connection to the call service was lost.';
    case 'sip':
      switch (failure.status) {
        case 404:
        case 604:
          return 'The number called does not exist (404).';
        case 408:
          return 'The call service did not answer (408).';
        case 480:
          return 'Nobody can take the call right now (480).';
        case 486:
        case 600:
          return 'The line is busy (486). Please try again later.';
        case 503:
          return 'The call service is unavailable (503). Please try again later.';
        case 401:
        case 403:
        case 407:
          return `The call service refused the call (${failure.status}).`;
        default:
          return `The call failed (SIP ${failure.status}).`;
      }
  }
}

/** The English of the call's strings (added to the widget's English when the call's code arrives). */
export const enCall: CallStrings = {
  startCall: (media) => (media === 'video' ? 'Start a video call' : 'Call us'),
  hangUp: 'Hang up',
  dismissCall: 'Dismiss',
  callStatus,
  callDuration: 'Call duration',
  callRetrying: 'Connection problem. Retrying…',
  callDetails: 'Call details',
  callGatewayDomain: 'Gateway',
  callGatewayAddresses: 'Addresses',
  callAccessCode: 'Number called',
  callCaller: 'Caller',
  mute: 'Mute',
  unmute: 'Unmute',
  keypad: 'Keypad',
  dtmfKey: (key) => `Dial ${key}`,
  dtmfSent: 'Dialled',
  micLevel: 'Microphone level',
  remoteVideo: 'Agent\'s video',
  localVideo: 'Your video',
};

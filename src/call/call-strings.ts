import type { CallStrings } from '../element/strings';

// The click-to-call's English, and what every language's call sentences need. It comes with the call's
// code (see src/element/parts.ts), so pages without calls do not carry it.

/** What `callStatus` reads of a call (the fields of `CallStatus` it needs). */
export interface CallStatusInfo {
  state: string;
  /** Why a call was refused: a createClickToCall resultCode, `unsupported`, `no-webrtc`; `error` = not started. */
  rejection: string | null;
  causeId: string | null;
  causeDesc: string | null;
  durationSeconds: number | null;
  endedByVisitor: boolean;
}

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
    case 'connected':
      return 'Call connected';
    case 'ended': {
      const base = status.endedByVisitor ? 'You ended the call' : 'The call has ended';
      return status.durationSeconds !== null ? `${base} (${formatCallDuration(status.durationSeconds)})` : base;
    }
    case 'timeout':
      return 'No agent answered in time. Please try again later.';
    case 'failed': {
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
};

import type { DownlinkMessage } from '../api/types';
import type { CoreStrings } from './strings';

/** Who a received message is from, for labels and the live region ("Agent Dana"). */
export function senderLabel(message: DownlinkMessage, t: CoreStrings): string {
  const nickname = message.senderNickname?.trim();
  switch (message.sourceType) {
    case 'ROBOT':
      return nickname || t.robot;
    case 'AGENT':
      return nickname ? `${t.agent} ${nickname}` : t.agent;
    case 'SYSTEM':
      return t.system;
    case 'USER':
    case 'CUSTOMER':
      return t.you;
    default:
      return nickname || message.sourceType;
  }
}

// The class entry: the element's methods and properties, and the event map on the class.
import { CcChat, type CcChatEventMap, type CcMessageDetail } from 'cc-chat';

const chat = new CcChat();
chat.addEventListener('cc-unread-change', (e) => console.log(e.detail.count satisfies number));
const detail: CcMessageDetail['key'] = chat.send('hello') ?? '';
const open: CcChatEventMap['cc-open'] = new CustomEvent('cc-open', { detail: {} });
chat.show();
console.log(detail, open.type, chat.connectionState);

// The registering entry alone types the tag and its events on any element lookup.
import 'cc-chat/define';

const chat = document.querySelector('cc-chat')!;
chat.addEventListener('cc-message', (e) => {
  const key: string = e.detail.key;
  const text: string = e.detail.message.content;
  // @ts-expect-error: the detail is typed, not `any`
  void e.detail.nope;
  console.log(key, text);
});
chat.addEventListener('cc-call-status', (e) => console.log(e.detail.state, e.detail.gateway?.domain));
chat.channelId = 'WEB-123';
// @ts-expect-error: the element is typed, not `any`
chat.pollInterval = 'fast';

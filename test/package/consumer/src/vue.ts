// Vue 3: <cc-chat> among the global components, with the names a template's attributes and `@` listeners are
// matched to (`poll-interval` → pollInterval, `@cc-message` → onCcMessage), so templates type-check them.
import type { GlobalComponents } from 'vue';
import type {} from 'cc-chat/vue';

type Props = InstanceType<GlobalComponents['cc-chat']>['$props'];
export const props: Props = {
  channelId: 'WEB-123',
  pollInterval: 2000,
  onCcMessage: (e) => console.log(e.detail.message.content),
};
// @ts-expect-error: poll-interval is a number of ms
export const wrong: Props = { pollInterval: 'fast' };
// @ts-expect-error: the event's detail is typed (a message has no `text`)
export const wrongListener: Props = { onCcMessage: (e) => console.log(e.detail.text) };
// @ts-expect-error: connectionState is read-only (the element reports it; a page cannot set it)
export const readOnly: Props = { connectionState: 'connected' };

// Vue 3: <cc-chat> among the global components, so templates type-check its attributes.
import type { GlobalComponents } from 'vue';
import type {} from 'cc-chat/vue';

type Props = InstanceType<GlobalComponents['cc-chat']>['$props'];
export const props: Props = { 'channel-id': 'WEB-123', 'poll-interval': 2000 };
// @ts-expect-error: poll-interval is a number of ms
export const wrong: Props = { 'poll-interval': 'fast' };
// @ts-expect-error: connectionState is read-only (the element reports it; a page cannot set it)
export const readOnly: Props = { connectionState: 'connected' };

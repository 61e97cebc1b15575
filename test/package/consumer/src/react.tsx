// React 19 TSX: attributes, properties and `oncc-*` handlers on <cc-chat>.
import type {} from 'cc-chat/react';
import 'cc-chat/define';

export function Support({ onUnread }: { onUnread: (count: number) => void }) {
  return (
    <cc-chat
      base-url="/cc"
      channel-id="WEB-123"
      poll-interval={2000}
      strings={{ panelTitle: 'Help' }}
      oncc-unread-change={(e) => onUnread(e.detail.count)}
      oncc-message={(e) => console.log(e.detail.message.content)}
    />
  );
}

export function Wrong() {
  // @ts-expect-error: poll-interval is a number of ms
  return <cc-chat poll-interval="fast" />;
}

export function ReadOnly() {
  // @ts-expect-error: connectionState is read-only (the element reports it; a page cannot set it)
  return <cc-chat connectionState="connected" />;
}

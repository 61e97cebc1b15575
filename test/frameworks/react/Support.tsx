// React 19 sets properties (objects, functions) and listens to `oncc-*` events on custom elements natively
import { useRef, useState } from 'react';
import type { CcChat } from 'cc-chat';
import type {} from 'cc-chat/react'; // types <cc-chat> in TSX
import 'cc-chat/define';

export function Support() {
  const chat = useRef<CcChat>(null);
  const [unread, setUnread] = useState(0);
  return (
    <>
      <button onClick={() => chat.current?.show()}>Chat with us{unread > 0 && ` (${unread})`}</button>
      <cc-chat
        ref={chat}
        base-url="/cc"
        channel-id="WEB-123"
        strings={{ panelTitle: 'Help' }}
        oncc-unread-change={(e) => setUnread(e.detail.count)}
      />
    </>
  );
}

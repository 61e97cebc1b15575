import { useEffect, useRef, useState } from 'react';
import type { AccessToken, CcChat } from 'cc-chat';
import type {} from 'cc-chat/react';
import 'cc-chat/define';

// A React 19 page with <cc-chat>, written as an app would: attributes, object and function properties,
// a handler for each of its events (into React state), its methods through a ref, and a button that
// removes the element and puts a new one in its place. test/e2e/frameworks.spec.ts drives it.

interface LoggedEvent {
  type: string;
  detail: string;
}

/** The site's backend hands out the API gateway's access token (direct mode); here the test server does. */
async function fetchAccessToken(signal: AbortSignal): Promise<AccessToken> {
  const response = await fetch('/__sim/access-token', { signal });
  if (!response.ok) throw new Error(`access token: HTTP ${response.status}`);
  return (await response.json()) as AccessToken;
}

export function App() {
  const chat = useRef<CcChat>(null);
  const [mounted, setMounted] = useState(true);
  const [events, setEvents] = useState<LoggedEvent[]>([]);
  const [unread, setUnread] = useState(0);
  const [tokenRequests, setTokenRequests] = useState(0);
  const [sentKey, setSentKey] = useState('');
  const [states, setStates] = useState('');

  const log = (type: string, detail = '') => setEvents((list) => [...list, { type, detail }]);

  // The chat starts as soon as it is on the page, and when it is put back. (After a click React runs this
  // before the new element's first update.)
  useEffect(() => {
    if (mounted) chat.current?.connect();
  }, [mounted]);

  // Written inline, as components usually are: a new function and new objects on every render, and
  // this page renders again on every event it logs.
  const accessTokenProvider = (signal: AbortSignal) => {
    setTokenRequests((n) => n + 1);
    return fetchAccessToken(signal);
  };

  return (
    <main>
      <h1>cc-chat in React</h1>
      <div role="toolbar" aria-label="Chat controls">
        <button onClick={() => chat.current?.show()}>show()</button>
        <button onClick={() => chat.current?.close()}>close()</button>
        <button onClick={() => chat.current?.connect()}>connect()</button>
        <button onClick={() => setSentKey(chat.current?.send('Hello from React') ?? 'null')}>send()</button>
        <button onClick={() => void chat.current?.disconnect()}>disconnect()</button>
        <button onClick={() => void chat.current?.startCall()}>startCall()</button>
        <button onClick={() => void chat.current?.endCall()}>endCall()</button>
        <button onClick={() => setStates(`${chat.current?.connectionState} ${chat.current?.callState}`)}>read states</button>
        <button onClick={() => setMounted((m) => !m)}>{mounted ? 'remove chat' : 'add chat'}</button>
      </div>
      <dl>
        <dt>Unread</dt>
        <dd id="unread">{unread}</dd>
        <dt>Access tokens fetched</dt>
        <dd id="token-requests">{tokenRequests}</dd>
        <dt>Key of the message sent</dt>
        <dd id="sent-key">{sentKey}</dd>
        <dt>connectionState, callState</dt>
        <dd id="states">{states}</dd>
      </dl>
      {mounted && (
        <cc-chat
          ref={chat}
          channel-id="WEB-FRAMEWORKS"
          user-id="react-visitor"
          user-name="React visitor"
          app-key="frameworks-app-key"
          poll-interval={300}
          accessTokenProvider={accessTokenProvider}
          strings={{ openChat: 'Ask React support', panelTitle: 'React help desk' }}
          sipOptions={{ register: true, displayName: 'React visitor' }}
          oncc-message={(e) => log('cc-message', e.detail.message.content)}
          oncc-message-sent={(e) => log('cc-message-sent', `${e.detail.key} ${e.detail.text}`)}
          oncc-open={() => log('cc-open')}
          oncc-close={() => log('cc-close')}
          oncc-connection-change={(e) => log('cc-connection-change', e.detail.state)}
          oncc-unread-change={(e) => {
            setUnread(e.detail.count);
            log('cc-unread-change', String(e.detail.count));
          }}
          oncc-error={(e) => log('cc-error', `${e.detail.kind} ${e.detail.operation}`)}
          oncc-call-status={(e) => log('cc-call-status', e.detail.state)}
          oncc-survey={(e) => log('cc-survey', `${e.detail.evaluation} ${e.detail.comment}`)}
        />
      )}
      <ol id="events" aria-label="Events">
        {events.map((event, i) => (
          <li key={i} data-type={event.type}>
            {event.type} {event.detail}
          </li>
        ))}
      </ol>
    </main>
  );
}

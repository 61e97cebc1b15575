import type { TemplateResult, nothing } from 'lit';
import type { ApiPart } from '../api/api-part';
import type { DownlinkMessage } from '../api/types';
import type { ChatSession } from './controllers/chat-session';
import type { Outbox } from './controllers/outbox';
import type { ReceivedEntry, TranscriptEntry } from './controllers/transcript-entry';
import type { ChatStrings, PanelStrings } from './strings';

// The seam between <cc-chat> and what is inside its panel (header, notices, transcript, composer), whose code
// is fetched when the visitor first opens the chat, or shows the intent to (see parts.ts). Types only.

/**
 * The panel's view of the conversation: what it shows (read-only) and what the visitor can ask of it. Narrower than
 * ChatSession on purpose, so the panel cannot reach the poll loops, the outbox or the tabs' coordination.
 */
export type PanelSession = Pick<
  ChatSession,
  | 'state'
  | 'mode'
  | 'queue'
  | 'endReason'
  | 'agentUnavailable'
  | 'lastError'
  | 'conversationId'
  | 'language'
  | 'readReceipts'
  | 'canLoadEarlier'
  | 'api'
  | 'connect'
  | 'disconnect'
  | 'loadEarlier'
  | 'requestAgent'
  | 'retry'
  | 'seen'
  | 'sendFile'
  | 'startOver'
  | 'typing'
> & {
  readonly transcript: { readonly entries: readonly TranscriptEntry[] };
  /** A sent file's bytes (for its preview), its upload's progress, and what the visitor may do with one that failed. */
  readonly outbox: Pick<Outbox, 'file' | 'inFlight' | 'progress' | 'canRetry' | 'discard'>;
};

/** What the panel may use of the element. */
export interface PanelHost {
  /** The element's shadow root: the panel adopts its styles there and finds its own parts. */
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  requestUpdate(): void;
  /** The conversation: its state, transcript and actions, as far as the panel needs them. */
  readonly session: PanelSession;
  strings(): ChatStrings;
  /** BCP 47 locale for times; undefined: the browser's. */
  locale(): string | undefined;
  isOpen(): boolean;
  /** Sends as the visitor (see `CcChat.send`). */
  send(text: string): string | null;
  /** Opens the panel (see `CcChat.show`). */
  show(): void;
  /** Fires an event of the element's (the panel's own, such as `cc-survey`). */
  dispatch(event: Event): void;
  /** The largest file the visitor may send, and that is fetched to be shown (`max-file-size`), in bytes. */
  maxFileBytes(): number;
  /** The API part: the survey's calls. */
  api(): Promise<ApiPart>;
  /** Closes the panel and puts the focus back on the launcher. */
  closeAndReturnFocus(): void;
  /** The call bar and the header's call button, once the call's code is there. */
  callBar(): TemplateResult | typeof nothing;
  callButton(): TemplateResult | typeof nothing;
}

/** The panel's content as the element sees it. */
export interface Panel {
  /** What goes inside `part="panel"`. */
  render(): TemplateResult;
  /** After each update of the element: keeps the transcript scrolled to the end (`opened`: just opened). */
  updated(opened: boolean): void;
  /** Focuses the message box; false when there is none (the conversation has ended). */
  focusInput(): boolean;
  /** The name of a file, the place of a location, a card's title: for the one-line summary the element announces. */
  detail(message: DownlinkMessage): string | null;
  /** New messages while `notify` is set: a desktop notification for an agent's, while the page is hidden. */
  notify(entries: ReceivedEntry[]): void;
  /** The element left the DOM: the panel lets go of what it holds (the files' object URLs). */
  disconnected(): void;
}

/** What the panel's code brings. */
export interface PanelPart {
  create(host: PanelHost): Panel;
  /** The English of what only the panel shows (added to the element's strings before it renders). */
  strings: PanelStrings;
}

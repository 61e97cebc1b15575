import { CcChat } from './core/cc-chat';
import type { CcChatEventMap } from './core/events';

// Registers <cc-chat>. Guarded, so loading the script twice (or two bundles) is harmless.
if (!customElements.get('cc-chat')) customElements.define('cc-chat', CcChat);

declare global {
  interface HTMLElementTagNameMap {
    'cc-chat': CcChat;
  }
  // Also here (not only in the class entry), so `import 'cc-chat/define'` alone types the events too.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends CcChatEventMap {}
}

export { CcChat };

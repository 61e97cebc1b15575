import { CcChat } from './element/cc-chat';

// Registers <cc-chat>. Guarded, so loading the script twice (or two bundles) is harmless.
if (!customElements.get('cc-chat')) customElements.define('cc-chat', CcChat);

declare global {
  interface HTMLElementTagNameMap {
    'cc-chat': CcChat;
  }
}

export { CcChat };

import type { ApiPart } from '../api/api-part';
import type { CcMessagingClient } from '../api/client';
import type { PanelHost } from '../core/panel-host';

/**
 * The API part's calls and the conversation's client, for the panel's own requests (survey, leave a message, FAQ,
 * robot feedback): both fetched when needed. Rejects when the chat has no channel-id (no client to ask with).
 */
export async function panelApi(host: PanelHost): Promise<[ApiPart, CcMessagingClient]> {
  const [api, client] = await Promise.all([host.api(), host.session.api()]);
  if (!client) throw new Error('The chat has no channel-id.');
  return [api, client];
}

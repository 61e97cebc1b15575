import { CcMessagingClient } from './client';
import { ObjectReader } from './validate';

// The API client as a part of the widget (see src/element/parts.ts): a page whose visitor has no conversation
// never downloads it; it is fetched when a conversation starts or resumes, or a part needs the API.

/** What the API part brings: the client, and the readers of API answers the call's code shares. */
export interface ApiPart {
  CcMessagingClient: typeof CcMessagingClient;
  ObjectReader: typeof ObjectReader;
}

export const apiPart: ApiPart = { CcMessagingClient, ObjectReader };

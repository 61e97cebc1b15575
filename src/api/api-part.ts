import { CcMessagingClient } from './client';
import { doLeaveMessage } from './leave-message';
import * as media from './media';
import { queryPhraseByKeyword } from './phrases';
import { feedbackSatisfaction } from './robot-feedback';
import { getSatisfactionSurveyMode, saveSatisfaction } from './satisfaction';
import { ObjectReader } from './validate';

// The API client as a part of the widget (see src/core/parts.ts): a page whose visitor has no conversation
// never downloads it; it is fetched when a conversation starts or resumes, or a part needs the API.

/**
 * What the API part brings: the client, the readers of API answers the call's code shares, and the survey's
 * and leave-a-message calls (the panel asks them at the end of a conversation, or when no agent can answer).
 */
export interface ApiPart {
  CcMessagingClient: typeof CcMessagingClient;
  ObjectReader: typeof ObjectReader;
  getSatisfactionSurveyMode: typeof getSatisfactionSurveyMode;
  saveSatisfaction: typeof saveSatisfaction;
  doLeaveMessage: typeof doLeaveMessage;
  queryPhraseByKeyword: typeof queryPhraseByKeyword;
  feedbackSatisfaction: typeof feedbackSatisfaction;
  /** Files both ways: the upload and download calls, which file a message names, base64 to and from Blobs. */
  media: typeof media;
}

export const apiPart: ApiPart = {
  CcMessagingClient,
  ObjectReader,
  getSatisfactionSurveyMode,
  saveSatisfaction,
  doLeaveMessage,
  queryPhraseByKeyword,
  feedbackSatisfaction,
  media,
};

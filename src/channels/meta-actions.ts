import { ChannelKind } from '../entities/enums';
import { type ActionResult, type ChannelAction, type ChannelCredentials } from './channel-adapter';
import { graphRequest } from './graph-api.client';
import { isObject, objects, str } from './webhook-body';

/** The Cloud API body of a reaction or a read receipt (with its typing indicator). */
export function buildWhatsAppActionBody(action: ChannelAction): Record<string, unknown> | string {
  switch (action.kind) {
    case 'react':
      return {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: action.to,
        type: 'reaction',
        // An empty emoji removes the reaction.
        reaction: { message_id: action.targetExternalId, emoji: action.emoji ?? '' },
      };
    case 'read':
      return {
        messaging_product: 'whatsapp',
        status: 'read',
        message_id: action.lastInboundExternalId,
        ...(action.typing ? { typing_indicator: { type: 'text' } } : {}),
      };
    case 'typing':
      return 'WhatsApp shows typing only together with a read receipt of the customer’s message.';
  }
}

export async function whatsAppAct(
  action: ChannelAction,
  credentials: ChannelCredentials,
): Promise<ActionResult> {
  const body = buildWhatsAppActionBody(action);
  if (typeof body === 'string') return { ok: false, unsupported: body };
  const response = await graphRequest(credentials, {
    method: 'POST',
    path: `/${encodeURIComponent(credentials.externalId)}/messages`,
    body,
  });
  if (!response.ok) return { ok: false, error: response.error };
  const id = isObject(response.body) ? str(objects(response.body.messages)[0]?.id) : null;
  return { ok: true, externalId: id };
}

/**
 * The Send API sender actions of Messenger and Instagram, one per request (Meta takes one
 * `sender_action` per call). Instagram reacts with `react`/`unreact`; the Messenger Platform lets
 * a page send no reactions at all.
 */
export function buildMessagingActionBodies(
  kind: ChannelKind,
  action: ChannelAction,
): Record<string, unknown>[] | string {
  const recipient = { id: action.to };
  switch (action.kind) {
    case 'react':
      if (kind !== ChannelKind.INSTAGRAM) {
        return 'Messenger does not let a page react to messages (its Send API has no reaction); reply with a message instead.';
      }
      return [
        action.emoji === null
          ? { recipient, sender_action: 'unreact', payload: { message_id: action.targetExternalId } }
          : {
              recipient,
              sender_action: 'react',
              payload: { message_id: action.targetExternalId, reaction: action.emoji },
            },
      ];
    case 'read':
      return [
        { recipient, sender_action: 'mark_seen' },
        ...(action.typing ? [{ recipient, sender_action: 'typing_on' }] : []),
      ];
    case 'typing':
      return [{ recipient, sender_action: 'typing_on' }];
  }
}

export async function messagingAct(
  kind: ChannelKind,
  action: ChannelAction,
  credentials: ChannelCredentials,
): Promise<ActionResult> {
  const bodies = buildMessagingActionBodies(kind, action);
  if (typeof bodies === 'string') return { ok: false, unsupported: bodies };
  let externalId: string | null = null;
  for (const body of bodies) {
    const response = await graphRequest(credentials, {
      method: 'POST',
      path: `/${encodeURIComponent(credentials.externalId)}/messages`,
      body,
    });
    if (!response.ok) return { ok: false, error: response.error };
    externalId ??= isObject(response.body) ? str(response.body.message_id) : null;
  }
  return { ok: true, externalId };
}

import { ChannelKind } from '../entities/enums';
import { ApiChannelAdapter } from './api/api.adapter';
import { type ChannelAdapter } from './channel-adapter';
import { MetaMessagingAdapter } from './meta-messaging.adapter';
import { WhatsAppAdapter } from './whatsapp/whatsapp.adapter';

/** Adapters are stateless, so one instance per channel serves every account. */
export const channelAdapters: Readonly<Record<ChannelKind, ChannelAdapter>> = Object.freeze({
  [ChannelKind.WHATSAPP]: new WhatsAppAdapter(),
  [ChannelKind.MESSENGER]: new MetaMessagingAdapter(ChannelKind.MESSENGER),
  [ChannelKind.INSTAGRAM]: new MetaMessagingAdapter(ChannelKind.INSTAGRAM),
  [ChannelKind.API]: new ApiChannelAdapter(),
});

export function adapterFor(kind: ChannelKind): ChannelAdapter {
  const adapter = channelAdapters[kind] as ChannelAdapter | undefined;
  if (!adapter) throw new Error(`No channel adapter for kind ${String(kind)}`);
  return adapter;
}

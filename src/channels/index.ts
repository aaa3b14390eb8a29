export * from './channel-adapter';
export { adapterFor, channelAdapters } from './channel-registry';
export { InvalidWebhookBodyError } from './webhook-body';
export { signMetaBody, verifyMetaSignature } from './meta-signature';
export { mapGraphError, mapGraphErrorResponse, mapNetworkError, type ChannelErrorCode } from './meta-errors';
export { TemplateSyncError } from './whatsapp/whatsapp.adapter';

import { BusinessRuleError, UserErrorCode } from '../errors';
import {
  checkOutboundUrl,
  OutboundUrlRefusal,
  type OutboundUrlPolicy,
} from '../outbound/outbound-url-policy';

/**
 * Checks a partner URL before it is stored with the outbound address policy (https, no
 * credentials, every resolved address public); deliveries check again at every attempt. Returns
 * the normalized URL; refusals are WEBHOOK_URL_NOT_ALLOWED.
 */
export async function checkWebhookUrl(raw: string, policy: OutboundUrlPolicy): Promise<string> {
  try {
    return (await checkOutboundUrl(raw, policy)).toString();
  } catch (error) {
    if (!(error instanceof OutboundUrlRefusal)) throw error;
    throw new BusinessRuleError(UserErrorCode.WEBHOOK_URL_NOT_ALLOWED, error.message, ['input', 'url']);
  }
}

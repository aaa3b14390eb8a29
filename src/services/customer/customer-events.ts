import { EventType } from '../../realtime/event-types';
import { type UnitOfWork } from '../unit-of-work';

/**
 * A change of a customer, for the log. Customers are not behind the conversation read rule (every
 * agent of the workspace reads every customer), so the event has no conversation and no assignee.
 */
export function emitCustomerEvent(
  uow: UnitOfWork,
  type:
    | EventType.CUSTOMER_CREATED
    | EventType.CUSTOMER_UPDATED
    | EventType.CUSTOMER_FIELD_SET
    | EventType.CUSTOMER_TAGGED
    | EventType.CUSTOMER_UNTAGGED
    | EventType.CUSTOMER_MERGED,
  customerId: string,
  details: Record<string, unknown> = {},
): void {
  uow.emit({ type, conversationId: null, assigneeId: null, payload: { customerId, ...details } });
}

import { Field, ObjectType } from 'type-graphql';
import { BusinessRuleError } from '../services/errors';
import { toUserError, UserError } from '../schema/errors';

/** Base of every mutation payload: the result fields, or `userErrors` saying why not. */
@ObjectType()
export abstract class MutationPayload {
  @Field(() => [UserError], { description: 'Expected refusals; empty when the mutation succeeded.' })
  userErrors: UserError[] = [];
}

/**
 * Runs a mutation's service call: its result fills the payload; a BusinessRuleError becomes
 * `userErrors`; anything else stays a top-level error (masked when unexpected).
 */
export async function mutate<P extends MutationPayload>(
  Payload: new () => P,
  work: () => Promise<Partial<Omit<P, 'userErrors'>>>,
): Promise<P> {
  const payload = new Payload();
  try {
    Object.assign(payload, await work());
  } catch (error) {
    if (!(error instanceof BusinessRuleError)) throw error;
    payload.userErrors = [toUserError(error)];
  }
  return payload;
}

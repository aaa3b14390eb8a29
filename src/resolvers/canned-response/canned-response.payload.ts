import { Field, ID, ObjectType } from 'type-graphql';
import { CannedResponse } from '../../entities/canned-response.entity';
import { ConnectionType } from '../../schema/pagination';
import { MutationPayload } from '../mutation-payload';

@ObjectType({ description: 'Result of cannedResponseCreate and cannedResponseUpdate.' })
export class CannedResponsePayload extends MutationPayload {
  @Field(() => CannedResponse, { nullable: true, description: 'The canned response as stored.' })
  cannedResponse?: CannedResponse | null;
}

@ObjectType({ description: 'Result of cannedResponseDelete.' })
export class CannedResponseDeletePayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'Global id of the deleted canned response.' })
  deletedCannedResponseId?: string | null;
}

@ObjectType({
  description:
    'Result of cannedResponseRender: the text with every variable filled, or MISSING_VARIABLE naming those that cannot be (`field`: ["variables", …names]).',
})
export class CannedResponseRenderPayload extends MutationPayload {
  @Field(() => String, { nullable: true, description: 'The text to send, with no variable left.' })
  text?: string | null;

  @Field(() => CannedResponse, {
    nullable: true,
    description: 'The canned response (its attachments go with the text).',
  })
  cannedResponse?: CannedResponse | null;
}

@ObjectType({ description: 'A page of canned responses, by shortcode.' })
export class CannedResponseConnection extends ConnectionType(CannedResponse) {}

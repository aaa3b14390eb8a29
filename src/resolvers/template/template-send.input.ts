import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A value for a named template placeholder ({{name}}).' })
export class TemplateNamedParameterInput {
  @Field({ description: 'Placeholder name.' })
  name: string;

  @Field({ description: 'Value.' })
  value: string;
}

@InputType({ description: 'Values for the template placeholders.' })
export class TemplateParametersInput {
  @Field(() => [String], { nullable: true, description: 'Body values for {{1}}, {{2}}… in order.' })
  body?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Header values for {{1}}… in order.' })
  header?: string[] | null;

  @Field(() => [TemplateNamedParameterInput], {
    nullable: true,
    description: 'Values of named placeholders.',
  })
  named?: TemplateNamedParameterInput[] | null;
}

@InputType({ description: 'Sends an APPROVED template to a conversation or to a customer.' })
export class TemplateSendInput {
  @Field(() => ID, { description: 'The template.' })
  templateId: string;

  @Field(() => ID, { nullable: true, description: 'An existing conversation (or give customerId).' })
  conversationId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'A customer: their open conversation, or a new OUTGOING one.',
  })
  customerId?: string | null;

  @Field(() => TemplateParametersInput, { nullable: true, description: 'Placeholder values.' })
  parameters?: TemplateParametersInput | null;

  @Field(() => ID, {
    nullable: true,
    description: 'API keys starting a conversation: the agent who gets the reply.',
  })
  assigneeId?: string | null;
}

@InputType({ description: 'Sends a failed message again.' })
export class MessageRetryInput {
  @Field(() => ID, { description: 'The failed message.' })
  messageId: string;
}

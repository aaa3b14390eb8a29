import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({
  description:
    "The file of a template's IMAGE, VIDEO or DOCUMENT header: exactly one of attachmentId and link.",
})
export class TemplateHeaderMediaInput {
  @Field(() => ID, {
    nullable: true,
    description:
      'An upload (POST /media) of the header kind, READY; it is uploaded to WhatsApp by the send job.',
  })
  attachmentId?: string | null;

  @Field(() => String, { nullable: true, description: 'An https URL WhatsApp fetches the file from.' })
  link?: string | null;
}

@InputType({ description: "A value for one of the template's buttons." })
export class TemplateButtonParameterInput {
  @Field(() => Int, { description: 'The button, by its position in the template (from 0).' })
  index: number;

  @Field(() => String, {
    nullable: true,
    description: 'A URL button: the value of the {{1}} at the end of its URL (required for such buttons).',
  })
  text?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A quick-reply button: the payload that comes back when the customer taps it.',
  })
  payload?: string | null;
}

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

  @Field(() => TemplateHeaderMediaInput, {
    nullable: true,
    description: 'Required when the template has an IMAGE, VIDEO or DOCUMENT header.',
  })
  headerMedia?: TemplateHeaderMediaInput | null;

  @Field(() => [TemplateButtonParameterInput], {
    nullable: true,
    description: 'URL button suffixes (required for URL buttons with {{1}}) and quick-reply payloads.',
  })
  buttons?: TemplateButtonParameterInput[] | null;
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

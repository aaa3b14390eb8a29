import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A reply button: WhatsApp reply button, or a Messenger/Instagram quick reply.' })
export class ReplyButtonInput {
  @Field({
    description:
      'What comes back when the customer taps it (WhatsApp: up to 256 characters; Messenger/Instagram: the quick reply payload, up to 1000).',
  })
  id: string;

  @Field({ description: 'The label, up to 20 characters.' })
  title: string;
}

@InputType({ description: 'A row of a list message.' })
export class ListRowInput {
  @Field({ description: 'What comes back when the customer picks it, up to 200 characters.' })
  id: string;

  @Field({ description: 'Up to 24 characters.' })
  title: string;

  @Field(() => String, { nullable: true, description: 'Up to 72 characters.' })
  description?: string | null;
}

@InputType({ description: 'A section of a list message.' })
export class ListSectionInput {
  @Field(() => String, {
    nullable: true,
    description: 'Up to 24 characters; required when the list has more than one section.',
  })
  title?: string | null;

  @Field(() => [ListRowInput], { description: 'Its rows (at most 10 rows over all sections).' })
  rows: ListRowInput[];
}

@InputType({
  description: 'A WhatsApp list message: a button that opens up to 10 rows in up to 10 sections.',
})
export class ListInput {
  @Field({ description: 'The label of the button that opens the list, up to 20 characters.' })
  button: string;

  @Field(() => [ListSectionInput], { description: '1 to 10 sections.' })
  sections: ListSectionInput[];
}

@InputType({ description: 'A button that opens a web page.' })
export class CtaUrlInput {
  @Field({ description: 'The button text, up to 20 characters.' })
  displayText: string;

  @Field({ description: 'An http or https URL.' })
  url: string;
}

@InputType({
  description:
    "Buttons, a list or a link button, with the message text as their body: exactly one of buttons, list and ctaUrl. Checked against the channel's limits before anything is sent (LIMIT_EXCEEDED names the limit). Messenger and Instagram send buttons as quick replies and ctaUrl as a button template, and have no lists.",
})
export class InteractiveInput {
  @Field(() => [ReplyButtonInput], {
    nullable: true,
    description: 'Reply buttons: up to 3 on WhatsApp, up to 13 quick replies on Messenger/Instagram.',
  })
  buttons?: ReplyButtonInput[] | null;

  @Field(() => ListInput, { nullable: true, description: 'A list (WhatsApp and API channels).' })
  list?: ListInput | null;

  @Field(() => CtaUrlInput, { nullable: true, description: 'A link button.' })
  ctaUrl?: CtaUrlInput | null;

  @Field(() => String, {
    nullable: true,
    description: 'A header text, up to 60 characters (Messenger/Instagram: put before the text).',
  })
  header?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A footer text, up to 60 characters (Messenger/Instagram: put after the text).',
  })
  footer?: string | null;
}

import { Field, ID, InputType } from 'type-graphql';
import { CannedScope } from '../../entities/enums';

@InputType({ description: 'A new canned response.' })
export class CannedResponseCreateInput {
  @Field(() => CannedScope, {
    description:
      'WORKSPACE (admins create; everyone sees), TEAM (members of `teamId` and admins), PERSONAL (yours alone).',
  })
  scope: CannedScope;

  @Field(() => ID, { nullable: true, description: 'The team of a TEAM response.' })
  teamId?: string | null;

  @Field({
    description:
      'What agents type after "/" to insert it: 1–32 letters, digits, "-" or "_" (stored lower case), unique in its scope.',
  })
  shortcode: string;

  @Field(() => String, {
    nullable: true,
    description: 'A title for pickers (1–100 characters); default: the shortcode.',
  })
  title?: string | null;

  @Field({
    description:
      'The text (1–4096 characters). Variables: {{customer.name}}, {{customer.fields.<key>}}, {{agent.name}}, {{conversation.id}}; any other is refused.',
  })
  body: string;

  @Field(() => [ID], {
    nullable: true,
    description: 'READY uploads (POST /media) kept with it, in order; at most 10.',
  })
  attachmentIds?: string[] | null;
}

@InputType({ description: 'Changes to a canned response; absent or null leaves a property as it is.' })
export class CannedResponseUpdateInput {
  @Field(() => ID, { description: 'The canned response.' })
  cannedResponseId: string;

  @Field(() => String, { nullable: true, description: 'New shortcode, unique in its scope.' })
  shortcode?: string | null;

  @Field(() => String, { nullable: true, description: 'New title.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'New text, with the same variables.' })
  body?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'The attachments, replacing the list ([] removes them all).',
  })
  attachmentIds?: string[] | null;
}

@InputType({ description: 'The canned response to delete.' })
export class CannedResponseDeleteInput {
  @Field(() => ID, { description: 'The canned response.' })
  cannedResponseId: string;
}

@InputType({ description: 'A canned response to fill for one conversation.' })
export class CannedResponseRenderInput {
  @Field(() => ID, { description: 'The canned response.' })
  cannedResponseId: string;

  @Field(() => ID, { description: 'The conversation whose customer (and your name) fill the variables.' })
  conversationId: string;
}

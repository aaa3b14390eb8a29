import { Field, ObjectType } from 'type-graphql';
import { TrayKind, TrayView } from '../../entities/enums';

@ObjectType({ description: 'An agent tray: a view over open, agent-handled conversations, with its count.' })
export class Tray {
  @Field(() => TrayKind, { description: 'Which tray.' })
  kind: TrayKind;

  @Field(() => TrayView, { description: 'Which layout.' })
  view: TrayView;

  /** Known when listed with `trays`; -1 until counted. */
  count: number;

  /** The agent filter the tray was asked with (database id). */
  agentId: string | null;

  /** The team filter the tray was asked with (database id). */
  teamId?: string | null;
}

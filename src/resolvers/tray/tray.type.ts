import { Field, ID, ObjectType } from 'type-graphql';
import { TrayKind, TrayView } from '../../entities/enums';

@ObjectType({ description: 'An agent tray: a view over open, agent-handled conversations, with its count.' })
export class Tray {
  @Field(() => ID, {
    description:
      'Stable for the same view, kind and filter (agent, team): a client cache keys by it, so per-agent, per-team and workspace counts stay apart. The same in `trays`, `tray` and `trayCountsChanged`.',
  })
  get id(): string {
    return trayId(this);
  }

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

/** `Tray:<view>:<kind>:<agent id or empty>:<team id or empty>`, base64url like every global id. */
export function trayId(tray: Pick<Tray, 'kind' | 'view' | 'agentId' | 'teamId'>): string {
  const key = `Tray:${tray.view}:${tray.kind}:${tray.agentId ?? ''}:${tray.teamId ?? ''}`;
  return Buffer.from(key, 'utf8').toString('base64url');
}

/** A tray with its filter and count. */
export function trayWith(
  kind: TrayKind,
  view: TrayView,
  count: number,
  agentId: string | null,
  teamId: string | null,
): Tray {
  return Object.assign(new Tray(), { kind, view, count, agentId, teamId });
}

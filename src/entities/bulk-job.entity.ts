import { Column, Entity, ManyToOne } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TenantNode } from './base';
import { Node } from '../schema/node';
import { Workspace } from './workspace.entity';
import { ActorType } from './enums';

/** What a bulk job applies to each conversation. */
export enum BulkJobKind {
  /** The changes of conversationsBulkUpdate. */
  UPDATE = 'UPDATE',
  /** A macro's actions (macroRun). */
  MACRO = 'MACRO',
}
registerEnumType(BulkJobKind, { name: 'BulkJobKind', description: 'What a bulk job applies.' });

/** One conversation a bulk job could not change, and why (nothing of it was written). */
export interface BulkJobFailure {
  /** Database id. */
  conversationId: string;
  code: string;
  message: string;
}

/**
 * A change of more conversations than one transaction takes (conversationsBulkUpdate, macroRun),
 * run as jobs, one transaction per chunk. The row is the job's state: which chunks are done (so a
 * chunk that runs twice changes nothing the second time), the counts and the refused conversations.
 */
@ObjectType({
  implements: Node,
  description:
    'A bulk change of more than 100 conversations, run in the background one chunk of 100 at a time; `bulkJobProgress` pushes it as it goes.',
})
@Entity()
export class BulkJob extends TenantNode {
  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Field(() => BulkJobKind, { description: 'UPDATE (conversationsBulkUpdate) or MACRO (macroRun).' })
  @Column({ type: 'enum', enum: BulkJobKind, enumName: 'bulk_job_kind' })
  kind: BulkJobKind;

  /** Who asked for it: the job acts with their rights, re-read at each chunk. */
  @Column({ type: 'enum', enum: ActorType, enumName: 'actor_type' })
  requestedByType: ActorType;

  @Column('uuid')
  requestedById: string;

  /** The changes (UPDATE) or the macro id (MACRO), database ids. */
  @Column('jsonb')
  params: Record<string, unknown>;

  /** Every conversation, in the order given; chunk `n` is the `n`-th slice of `chunkSize`. */
  @Column('uuid', { array: true })
  conversationIds: string[];

  @Column('int')
  chunkSize: number;

  /** Chunks already applied (each in the transaction that applied it). */
  @Column('int', { array: true, default: () => "'{}'" })
  chunksDone: number[];

  @Field(() => Int, { description: 'Conversations changed so far.' })
  @Column('int', { default: 0 })
  doneCount: number;

  @Field(() => Int, { description: 'Conversations refused so far (see `failures`).' })
  @Column('int', { default: 0 })
  failedCount: number;

  @Column('jsonb', { default: () => "'[]'" })
  failures: BulkJobFailure[];

  @Field(() => Date, { nullable: true, description: 'When the last chunk was applied; null: still running.' })
  @Column('timestamptz', { nullable: true })
  finishedAt: Date | null;

  @Field(() => Int, { description: 'How many conversations it changes in all.' })
  get total(): number {
    return this.conversationIds.length;
  }

  @Field({ description: 'Whether every chunk has run.' })
  get finished(): boolean {
    return this.finishedAt !== null;
  }
}

@ObjectType({ description: 'A conversation a bulk job refused; nothing of it was changed.' })
export class BulkJobFailureItem {
  @Field(() => ID, { description: 'The conversation.' })
  conversationId: string;

  @Field({ description: 'The user error code, as the single mutation would answer it.' })
  code: string;

  @Field({ description: 'Why.' })
  message: string;
}

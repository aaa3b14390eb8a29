import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { ActorType } from './enums';
import { Note } from './note.entity';

export enum NoteRevisionKind {
  CREATED = 'CREATED',
  EDITED = 'EDITED',
  DELETED = 'DELETED',
}
registerEnumType(NoteRevisionKind, {
  name: 'NoteRevisionKind',
  description: 'What a change did to a note: CREATED, EDITED or DELETED.',
});

/**
 * One change of a note, append-only: the body it wrote (CREATED, EDITED) or the deletion, who made
 * it and when. A note's history survives its deletion, for admins.
 */
@ObjectType({ description: 'One change of a note: the body it set, or its deletion; who and when.' })
@Entity()
@Index('note_revision_note_idx', ['noteId', 'createdAt'])
export class NoteRevision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  workspaceId: string;

  @Column('uuid')
  noteId: string;

  @ManyToOne(() => Note, { onDelete: 'CASCADE' })
  note?: Note;

  @Field(() => NoteRevisionKind, { description: 'CREATED, EDITED or DELETED.' })
  @Column({ type: 'enum', enum: NoteRevisionKind, enumName: 'note_revision_kind' })
  kind: NoteRevisionKind;

  @Field(() => String, { nullable: true, description: 'The body this change set; null for DELETED.' })
  @Column('text', { nullable: true })
  body: string | null;

  @Field(() => ActorType, { description: 'AGENT or API_KEY.' })
  @Column({ type: 'enum', enum: ActorType, enumName: 'actor_type' })
  actorType: ActorType;

  /** The agent or API key by `actorType`. */
  @Column('uuid', { nullable: true })
  actorId: string | null;

  @Field({ description: 'When the change was made.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

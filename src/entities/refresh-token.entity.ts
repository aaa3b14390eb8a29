import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SessionFamily } from './session-family.entity';

/** One refresh token of a family; only its SHA-256 is kept. It is good for one rotation. */
@Entity()
@Index('refresh_token_family_idx', ['familyId'])
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  workspaceId: string;

  @Column('uuid')
  familyId: string;

  @ManyToOne(() => SessionFamily, { onDelete: 'CASCADE' })
  family?: SessionFamily;

  @Index('refresh_token_hash_key', { unique: true })
  @Column('text')
  tokenHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz')
  expiresAt: Date;

  /** Set when it was exchanged for its successor; presenting it again revokes the family. */
  @Column('timestamptz', { nullable: true })
  rotatedAt: Date | null;
}

import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';
import { Customer } from './customer.entity';
import { Tag } from './tag.entity';

@Entity()
@Index('customer_tag_tag_idx', ['tagId'])
export class CustomerTag {
  @PrimaryColumn('uuid')
  customerId: string;

  @PrimaryColumn('uuid')
  tagId: string;

  @Column('uuid')
  workspaceId: string;

  @ManyToOne(() => Customer, { onDelete: 'CASCADE' })
  customer?: Customer;

  @ManyToOne(() => Tag, { onDelete: 'CASCADE' })
  tag?: Tag;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

import { Column, Entity, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Customer } from './customer.entity';
import { CustomField } from './custom-field.entity';

/** A value of a custom field on a customer, stored as JSON in the field's type. */
@Entity()
export class CustomerFieldValue {
  @PrimaryColumn('uuid')
  customerId: string;

  @PrimaryColumn('uuid')
  fieldId: string;

  @Column('uuid')
  workspaceId: string;

  @ManyToOne(() => Customer, { onDelete: 'CASCADE' })
  customer?: Customer;

  @ManyToOne(() => CustomField, { onDelete: 'CASCADE' })
  field?: CustomField;

  @Column('jsonb')
  value: string | number | boolean;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

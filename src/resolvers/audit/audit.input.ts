import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { AuditAction } from '../../entities/audit-entry.entity';
import { PageArgs } from '../../schema/pagination';

@InputType({ description: 'Narrows the audit log; every condition given must hold.' })
export class AuditLogFilter {
  @Field(() => AuditAction, { nullable: true, description: 'Only this action.' })
  action?: AuditAction | null;

  @Field(() => ID, { nullable: true, description: 'Only actions by this Agent or ApiKey.' })
  actorId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only actions on this object (any type, deleted ones too).',
  })
  targetId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Recorded at or after.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Recorded before.' })
  to?: Date | null;
}

@ArgsType()
export class AuditLogArgs extends PageArgs {
  @Field(() => AuditLogFilter, { nullable: true, description: 'Which entries.' })
  filter?: AuditLogFilter | null;
}

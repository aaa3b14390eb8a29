import { Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { Agent } from '../../entities/agent.entity';
import { ApiKey } from '../../entities/api-key.entity';
import { Workspace } from '../../entities/workspace.entity';
import { Access, Allow } from '../../schema/access.decorator';
import { type AuthedContext } from '../../server/context';

@ObjectType({ description: 'Who is calling: an agent or a partner API key, and their workspace.' })
export class Viewer {
  @Field(() => Workspace, { description: 'The workspace the credentials belong to.' })
  workspace: Workspace;

  @Field(() => Agent, { nullable: true, description: 'The agent, when signed in with a session token.' })
  agent: Agent | null;

  @Field(() => ApiKey, { nullable: true, description: 'The API key, when called with one.' })
  apiKey: ApiKey | null;
}

@Resolver()
export class ViewerResolver {
  @Query(() => Viewer, { description: 'The caller.' })
  @Access(Allow.signedIn)
  viewer(@Ctx() ctx: AuthedContext): Viewer {
    const { principal, workspace } = ctx.viewer;
    return {
      workspace,
      agent: principal.kind === 'agent' ? principal.agent : null,
      apiKey: principal.kind === 'apiKey' ? principal.apiKey : null,
    };
  }
}

import 'reflect-metadata';
import { type GraphQLSchema } from 'graphql';
import { buildSchema, type PubSub } from 'type-graphql';
import { resolvers } from '../resolvers';
import { logPubSub } from '../resolvers/realtime/log-pub-sub';
import { authChecker } from './auth-checker';
import { Node } from './node';

/** The one schema of the API; `pubSub` carries subscription events (Redis or in-process). */
export async function buildApiSchema(pubSub?: PubSub): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    authChecker,
    authMode: 'error',
    validate: false,
    orphanedTypes: [Node],
    pubSub: pubSub ?? logPubSub,
  });
}

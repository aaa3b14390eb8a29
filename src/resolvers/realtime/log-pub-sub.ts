import { type PubSub } from 'type-graphql';

/**
 * type-graphql refuses to build subscriptions without a `pubSub`, but every subscription here has
 * its own `subscribe` reading the event log (`subscribeToEvents`), and changes are published by
 * `inTransaction` after commit. This adapter only satisfies the builder; using it is a bug.
 */
export const logPubSub: PubSub = {
  publish() {
    throw new Error('Publish events with UnitOfWork.emit: subscriptions read the event log.');
  },
  subscribe() {
    throw new Error('Subscriptions read the event log through subscribeToEvents, not pubSub topics.');
  },
};

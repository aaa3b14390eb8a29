import { type DataSource } from 'typeorm';
import { type Config } from '../config';
import { type Clock } from './clock';
import { type Logger } from './logger';
import { type SecretBox } from '../auth/secret-box';
import { type EventRecord } from '../entities/event-record.entity';
import { type JobQueue } from './job-queue';
import { type Realtime } from '../realtime';
import { type Metrics } from './metrics';
import { type AiProvider } from '../ai/ai-provider';
import { type SignInThrottle } from '../auth/sign-in-throttle';
import { type MediaStores } from './media-storage';
import { type PresenceTracker } from '../realtime/presence';

/** Publishes committed events to live subscribers (Redis or in-process). */
export interface CommittedEventPublisher {
  publishCommitted(records: EventRecord[]): void;
}

/** Everything long-lived that resolvers, services, jobs and webhooks share. */
import { type CredentialCache } from '../auth/credential-cache';

export interface AppDeps {
  config: Config;
  dataSource: DataSource;
  clock: Clock;
  logger: Logger;
  secretBox: SecretBox;
  events: CommittedEventPublisher;
  /** Live streams of the event log (Redis or in-process engine). */
  realtime: Realtime;
  metrics: Metrics;
  jobs: JobQueue;
  /** Writes summaries and suggestions: the configured provider, or the offline default. */
  ai: AiProvider;
  /** Base URL of the demo's Graph API sandbox this process serves (development); null when off. */
  graphSandboxUrl(): string | null;
  /** Failed password sign-ins per account and per address (Redis or in-process). */
  signInThrottle: SignInThrottle;
  /** Where attachment bytes are kept (PostgreSQL, or S3 with MEDIA_STORAGE=s3). */
  media: MediaStores;
  /** This process's agent sessions and the presence every process shares (Redis or in-process). */
  presence: PresenceTracker;
  /** Verified callers of this process (absent: every request reads its caller). */
  credentials?: CredentialCache;
}

import { type DataSource } from 'typeorm';
import { Agent } from '../entities/agent.entity';
import { sessionTokenFor } from '../services/workspace/workspace.service';
import { DEMO_ADMIN_EMAIL } from './demo-channel';

export interface DemoAdminToken {
  admin: Agent;
  token: string;
  expiresAt: Date;
}

/**
 * A fresh session token of the demo workspace's admin, as `npm start` prints it and the explorer
 * fills it in during development; null before the seed ran.
 */
export async function demoAdminToken(
  dataSource: DataSource,
  settings: { appSecret: string; sessionTtlMinutes: number },
  now: Date,
): Promise<DemoAdminToken | null> {
  const admin = await dataSource.getRepository(Agent).findOne({ where: { email: DEMO_ADMIN_EMAIL } });
  if (!admin) return null;
  return { admin, ...sessionTokenFor(admin, settings.appSecret, settings.sessionTtlMinutes, now) };
}

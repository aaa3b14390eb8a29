import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dataDirOf, type Env } from './config';

/**
 * Without APP_SECRET, outside production, a development secret is generated once and kept in the
 * data directory, so tokens survive restarts. The entry points call this before `loadConfig`,
 * which stays free of side effects; production must set APP_SECRET (the parser says so).
 */
export function withDevelopmentSecret(env: Env): Env {
  if (env.APP_SECRET || env.NODE_ENV === 'production') return env;
  const dataDir = dataDirOf(env);
  const file = path.join(dataDir, 'app-secret');
  const kept = () => ({ ...env, APP_SECRET: readFileSync(file, 'utf8').trim() });
  if (existsSync(file)) return kept();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  try {
    writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process (the server and the CLI starting together) wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return kept();
    throw error;
  }
  return { ...env, APP_SECRET: secret };
}

import { hash, parseOptions, verify, type Algorithm, type Options } from '@node-rs/argon2';

/**
 * argon2id with OWASP's first recommended setting (19 MiB, 2 passes, 1 lane): about 30–45 ms per
 * hash here, on the libuv thread pool, so sign-ins do not block the event loop.
 */
export const PASSWORD_HASH_OPTIONS: Options = {
  // Algorithm.Argon2id; the package's const enum cannot be read under isolatedModules.
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/**
 * The hash of a random password nobody knows, made with the options above: an unknown e-mail is
 * checked against it, so it costs the same work as a known one with a wrong password.
 */
export const DUMMY_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$5qKElD2DtFJ3tun6M55bCA$+6VYoakCvaE+OQ2+ulEFT3DMNCED+jeammUN2aD3DLQ';

export function hashPassword(password: string): Promise<string> {
  return hash(password, PASSWORD_HASH_OPTIONS);
}

/** False for a wrong password and for a stored value that is not an argon2 hash. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** Spends a verification's work and answers false: for an e-mail without a password. */
export async function verifyNoPassword(password: string): Promise<false> {
  await verifyPassword(DUMMY_PASSWORD_HASH, password);
  return false;
}

/** Whether a stored hash was made with other options than today's (rehash it at the next sign-in). */
export function needsRehash(storedHash: string): boolean {
  try {
    const current = parseOptions(storedHash);
    return (
      current.algorithm !== PASSWORD_HASH_OPTIONS.algorithm ||
      current.memoryCost !== PASSWORD_HASH_OPTIONS.memoryCost ||
      current.timeCost !== PASSWORD_HASH_OPTIONS.timeCost ||
      current.parallelism !== PASSWORD_HASH_OPTIONS.parallelism
    );
  } catch {
    return true;
  }
}

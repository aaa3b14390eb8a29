import { hash, parseOptions } from '@node-rs/argon2';
import {
  DUMMY_PASSWORD_HASH,
  hashPassword,
  needsRehash,
  PASSWORD_HASH_OPTIONS,
  verifyNoPassword,
  verifyPassword,
} from './password-hashing';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

describe('password hashing', () => {
  it('hashes with argon2id and the configured cost; verifies the right password only', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(stored, 'correct horse battery stapler')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
    // A fresh salt each time.
    expect(await hashPassword('correct horse battery staple')).not.toBe(stored);
  });

  it('the dummy hash costs what a real one costs: same algorithm and parameters', async () => {
    const dummy = parseOptions(DUMMY_PASSWORD_HASH);
    const real = parseOptions(await hashPassword('whatever it is'));
    expect(dummy).toEqual(real);
    expect(needsRehash(DUMMY_PASSWORD_HASH)).toBe(false);
    expect(await verifyNoPassword('anything')).toBe(false);
  });

  // Skipping the hash would be a thousand times faster; the bound leaves room for a busy machine.
  it('an unknown e-mail takes about as long as a wrong password (medians within 3x)', async () => {
    const stored = await hashPassword('correct horse battery staple');
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let round = 0; round < 9; round += 1) {
      wrong.push(await timed(() => verifyPassword(stored, 'a wrong password')));
      unknown.push(await timed(() => verifyNoPassword('a wrong password')));
    }
    const ratio = median(unknown) / median(wrong);
    console.log(
      `argon2id verify: wrong password ${median(wrong).toFixed(1)} ms, unknown e-mail ${median(unknown).toFixed(1)} ms`,
    );
    expect(ratio).toBeGreaterThan(1 / 3);
    expect(ratio).toBeLessThan(3);
  });

  it('asks for a rehash when the stored cost differs from today’s', async () => {
    const weaker = await hash('x', { ...PASSWORD_HASH_OPTIONS, timeCost: 1 });
    expect(needsRehash(weaker)).toBe(true);
    expect(needsRehash('garbage')).toBe(true);
  });
});

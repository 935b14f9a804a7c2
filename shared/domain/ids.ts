import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

let lastTime = 0;

/**
 * A ULID: 48 bits of milliseconds then 80 random bits; sorts by creation time. Ids made in
 * the same millisecond by this process take the next millisecond, so they still sort in the
 * order they were made (a batch of imported rows keeps its file order).
 */
export function newId(at?: number): string {
  let now = at;
  if (now === undefined) {
    lastTime = Math.max(Date.now(), lastTime + 1);
    now = lastTime;
  }
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let random = '';
  for (let i = 0; i < 16; i++) random += CROCKFORD[(bytes[i] ?? 0) % 32];
  return time + random;
}

export const isId = (text: string): boolean => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(text);

import { createHmac } from 'node:crypto';
import { secret } from '../secrets.js';

/** A keyed hash (HMAC-SHA256): keys and fingerprints never hold a NIK itself. */
export async function keyedHash(value: string): Promise<string> {
  return createHmac('sha256', await secret('NIK_HASH'))
    .update(value)
    .digest('base64url');
}

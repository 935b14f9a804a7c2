import { findDistrict, findVillage } from './domain/regions.js';
import { DomainError } from './errors.js';

export const ROLES = ['village_official', 'fmpp_volunteer', 'bappeda_staff'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, and the part of Brebes they may see. */
export type Principal =
  | { sub: string; role: 'village_official'; villageCode: string; districtCode: string }
  | { sub: string; role: 'fmpp_volunteer'; districtCode: string }
  | { sub: string; role: 'bappeda_staff' };

export type Claims = Record<string, unknown>;

/**
 * API Gateway's JWT authorizer hands claims over as strings: an array claim such as
 * `cognito:groups` arrives as "[a b]". Locally the same shape is produced; both forms are read.
 */
function groupsOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim !== 'string') return [];
  return claim
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

/**
 * The principal behind verified token claims. A token that is not an ID token is 401; one
 * without exactly one GKB role, or with a scope that is not a Brebes village or kecamatan,
 * may do nothing: 403.
 */
export function principalFromClaims(claims: Claims | undefined): Principal {
  const sub = typeof claims?.sub === 'string' ? claims.sub : '';
  if (!claims || !sub) throw new DomainError('UNAUTHENTICATED');
  // Only Cognito's ID token carries the scope attributes; an access token is the wrong kind.
  if (claims.token_use !== undefined && claims.token_use !== 'id') throw new DomainError('UNAUTHENTICATED');
  const roles = [...new Set(groupsOf(claims['cognito:groups']))].filter((g): g is Role =>
    (ROLES as readonly string[]).includes(g),
  );
  if (roles.length !== 1) throw new DomainError('FORBIDDEN');
  const role = roles[0];
  if (role === 'village_official') {
    const village = findVillage(String(claims['custom:village_code'] ?? ''));
    if (!village) throw new DomainError('FORBIDDEN');
    return { sub, role, villageCode: village.code, districtCode: village.districtCode };
  }
  if (role === 'fmpp_volunteer') {
    const district = findDistrict(String(claims['custom:district_code'] ?? ''));
    if (!district) throw new DomainError('FORBIDDEN');
    return { sub, role, districtCode: district.code };
  }
  return { sub, role: 'bappeda_staff' };
}

/** Whether a village lies in the caller's scope (outside it, things answer as if absent). */
export function canSeeVillage(p: Principal, villageCode: string): boolean {
  if (p.role === 'bappeda_staff') return true;
  if (p.role === 'village_official') return p.villageCode === villageCode;
  return findVillage(villageCode)?.districtCode === p.districtCode;
}

/** Full NIK and KK: only the candidate's own village official and Bappeda. */
export const canSeeFullIdentity = (p: Principal, villageCode: string): boolean =>
  p.role === 'bappeda_staff' || (p.role === 'village_official' && p.villageCode === villageCode);

/** A short description of the scope for logs: never personal data. */
export const scopeOf = (p: Principal): string =>
  p.role === 'village_official' ? p.villageCode : p.role === 'fmpp_volunteer' ? p.districtCode : 'regency';

/** Whether two principals are the same person with the same role and scope. */
export const samePrincipal = (a: Principal, b: Principal): boolean =>
  a.sub === b.sub && a.role === b.role && scopeOf(a) === scopeOf(b);

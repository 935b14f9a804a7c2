import type { Status } from '../domain/candidate.js';

/** What a list of candidates may be narrowed to, applied by DynamoDB after reading (a FilterExpression). */
export interface CandidateFilter {
  statuses?: readonly Status[];
  villageFunding?: string;
  flag?: string;
  villageCode?: string;
  year?: number;
}

/**
 * A list's filter as the parts of a Query (`values` starts with the key's own values): the
 * expression, or none when nothing narrows the list.
 */
export function candidateFilter(
  filter: CandidateFilter,
  keyValues: Record<string, unknown>,
): {
  ExpressionAttributeValues: Record<string, unknown>;
  FilterExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
} {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ...keyValues };
  const filters: string[] = [];
  if (filter.statuses?.length) {
    names['#status'] = 'status';
    const placeholders = filter.statuses.map((status, i) => {
      values[`:status${i}`] = status;
      return `:status${i}`;
    });
    filters.push(`#status IN (${placeholders.join(', ')})`);
  }
  if (filter.villageFunding) {
    values[':funding'] = filter.villageFunding;
    filters.push('villageFunding = :funding');
  }
  if (filter.flag) {
    values[':flag'] = filter.flag;
    filters.push('contains(flags, :flag)');
  }
  if (filter.villageCode) {
    values[':village'] = filter.villageCode;
    filters.push('villageCode = :village');
  }
  if (filter.year !== undefined) {
    names['#year'] = 'year';
    values[':year'] = filter.year;
    filters.push('#year = :year');
  }
  return {
    ExpressionAttributeValues: values,
    ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
    ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
  };
}

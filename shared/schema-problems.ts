import type * as z from 'zod/mini';
import type { FieldProblem } from './errors.js';

/** Translates zod's issues into field problems with our own messages (zod's text is English only). */
export function problemsFromZod(error: z.core.$ZodError): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || 'body';
    if (issue.code !== 'unrecognized_keys' && issue.input === undefined) {
      problems.push({ field, key: 'field.required' });
      continue;
    }
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys)
          problems.push({ field: field === 'body' ? key : `${field}.${key}`, key: 'field.unknown' });
        break;
      case 'invalid_type':
        if (issue.expected === 'string') problems.push({ field, key: 'field.string' });
        else if (issue.expected === 'boolean') problems.push({ field, key: 'field.boolean' });
        else if (issue.expected === 'number' || issue.expected === 'int')
          problems.push({ field, key: 'field.integer' });
        else problems.push({ field, key: 'field.object' });
        break;
      case 'invalid_value':
        problems.push({ field, key: 'field.oneOf', params: { values: issue.values.map(String).join(', ') } });
        break;
      case 'too_big':
        problems.push(
          issue.origin === 'string'
            ? { field, key: 'field.tooLong', params: { max: Number(issue.maximum) } }
            : { field, key: 'field.max', params: { max: Number(issue.maximum) } },
        );
        break;
      case 'too_small':
        problems.push({ field, key: 'field.min', params: { min: Number(issue.minimum) } });
        break;
      default:
        problems.push({ field, key: issue.code === 'invalid_format' ? 'field.string' : 'field.integer' });
    }
  }
  // One problem per field is enough for a person to act on.
  return problems.filter((p, i) => problems.findIndex((q) => q.field === p.field) === i);
}

/** Parses with a schema, returning the data or every problem found. */
export function parseWith<T extends z.ZodMiniType>(
  schema: T,
  input: unknown,
): { data: z.infer<T>; problems: [] } | { data?: undefined; problems: FieldProblem[] } {
  const result = schema.safeParse(input, { reportInput: true });
  return result.success ? { data: result.data, problems: [] } : { problems: problemsFromZod(result.error) };
}

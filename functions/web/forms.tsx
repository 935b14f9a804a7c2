import type { Child } from 'hono/jsx';
import { validationFailed } from '../../shared/errors.js';

/** Field problems by field name, already in the visitor's language. */
export type Problems = Record<string, string>;

/**
 * A labelled input with its rule explained and its error beside it. The error is tied to the
 * input (`aria-describedby`, `aria-invalid`) so screen readers announce it with the field.
 */
export function Field(props: {
  name: string;
  label: string;
  hint?: string;
  problems: Problems;
  children: (attrs: Record<string, string | boolean>) => Child;
}) {
  const id = `f-${props.name.replace(/\./g, '-')}`;
  const error = props.problems[props.name];
  const described = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field-error' : ''}>
      <label for={id}>
        {props.label}
        {props.hint ? (
          <span class="hint" id={`${id}-hint`}>
            {props.hint}
          </span>
        ) : null}
      </label>
      {props.children({
        id,
        name: props.name,
        ...(described ? { 'aria-describedby': described } : {}),
        ...(error ? { 'aria-invalid': 'true' } : {}),
      })}
      {error ? (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The list of problems at the top of a form, announced at once, each a link to its field. */
export function ErrorSummary(props: { title: string; problems: Problems; labels: Record<string, string> }) {
  const entries = Object.entries(props.problems);
  if (entries.length === 0) return null;
  return (
    <div class="alert" role="alert" aria-labelledby="error-summary">
      <p id="error-summary">
        <strong>{props.title}</strong>
      </p>
      <ul>
        {entries.map(([field, message]) => (
          <li>
            <a href={`#f-${field.replace(/\./g, '-')}`}>{props.labels[field] ?? field}</a>: {message}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Options(props: {
  values: readonly (readonly [string, string])[];
  selected?: string;
  empty?: string;
}) {
  return (
    <>
      {props.empty !== undefined ? <option value="">{props.empty}</option> : null}
      {props.values.map(([value, label]) => (
        <option value={value} selected={props.selected === value}>
          {label}
        </option>
      ))}
    </>
  );
}

type FormBody = Record<string, string | File | (string | File)[]>;

/** A posted form as the browser sent it; a body that is no form (a broken multipart) is a 400. */
export async function formBody(request: { parseBody(): Promise<FormBody> }): Promise<FormBody> {
  try {
    return await request.parseBody();
  } catch {
    throw validationFailed([{ field: 'body', key: 'body.form' }]);
  }
}

/** A form's text values, whatever the browser sent. */
export async function formValues(request: { parseBody(): Promise<FormBody> }) {
  const body = await formBody(request);
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) values[key] = typeof value === 'string' ? value : '';
  return values;
}

import { summaryOf } from '../shared/api/route-summaries.js';
import { type RouteDef, routes } from '../shared/api/routes.js';
import { statusOf } from '../shared/errors.js';
import { render } from '../shared/i18n.js';

/**
 * The parts of docs/api.md that are written from the code (`npm run docs`), so that they
 * cannot drift from it: the route table and the error codes. A test fails when the file's
 * copy is not what these give.
 */
const AUTH: Record<RouteDef['auth'], string> = {
  jwt: 'Bearer JWT (Cognito ID token)',
  session: 'web session (cookie)',
  public: 'anyone',
};

const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
const code = (text: string) => `\`${text}\``;

export function routeTableMarkdown(): string {
  return [
    row(['method, path', 'who', 'function', 'query', 'what']),
    row(['---', '---', '---', '---', '---']),
    ...(routes as readonly RouteDef[]).map((r) =>
      row([
        code(`${r.method} ${r.path}`),
        AUTH[r.auth],
        code(r.fn),
        (r.query ?? []).map(code).join(', '),
        summaryOf(r).replaceAll('|', '\\|'),
      ]),
    ),
  ].join('\n');
}

export function errorTableMarkdown(): string {
  return [
    row(['status', 'code', 'message (Indonesian; English with `Accept-Language: en`)']),
    row(['---', '---', '---']),
    ...Object.entries(statusOf).map(([c, status]) => {
      const key = `error.${c}` as Parameters<typeof render>[0]['key'];
      return row([String(status), code(c), render({ key, params: { year: '{tahun}' } }, 'id')]);
    }),
  ].join('\n');
}

/** The sections of docs/api.md between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`. */
export const GENERATED_SECTIONS: Record<string, () => string> = {
  routes: routeTableMarkdown,
  errors: errorTableMarkdown,
};

/** The document with each generated section written anew (the text around them kept as it is). */
export function withGeneratedSections(document: string): string {
  let result = document;
  for (const [name, render] of Object.entries(GENERATED_SECTIONS)) {
    const open = `<!-- generated:${name} -->`;
    const close = `<!-- /generated:${name} -->`;
    const start = result.indexOf(open);
    const end = result.indexOf(close);
    if (start < 0 || end < start) throw new Error(`docs: no ${open} … ${close} section`);
    result = `${result.slice(0, start + open.length)}\n\n${render()}\n\n${result.slice(end)}`;
  }
  return result;
}

import { html, raw } from 'hono/html';
import { openApiDocument } from '../../shared/api/openapi.js';
import { summaryOf } from '../../shared/api/route-summaries.js';
import { docsRoutes } from '../../shared/api/routes/docs.js';
import { type RouteDef, routes } from '../../shared/api/routes.js';
import { createApp } from '../http/app.js';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Health, the OpenAPI document and a plain documentation page; also answers unknown paths with 404. */
export const app = createApp(docsRoutes, {
  health: (c) => c.json({ status: 'ok' }),
  openapi: (c) => c.json(openApiDocument()),
  docsPage: (c) => {
    const rows = (routes as readonly RouteDef[])
      .map(
        (r) =>
          `<tr><td><code>${r.method}</code></td><td><code>${escapeHtml(r.path)}</code></td><td>${escapeHtml(summaryOf(r))}</td><td>${r.auth === 'jwt' ? 'Bearer JWT' : r.auth === 'session' ? 'sesi web (cookie)' : 'publik'}</td></tr>`,
      )
      .join('');
    return c.html(html`<!doctype html>
      <html lang="id">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>GKB Tracker API</title>
          <style>
            body { font-family: system-ui, sans-serif; margin: 1rem; max-width: 60rem; }
            table { border-collapse: collapse; width: 100%; }
            td, th { border-bottom: 1px solid #ccc; padding: 0.4rem; text-align: left; vertical-align: top; }
          </style>
        </head>
        <body>
          <h1>GKB Tracker API</h1>
          <p>Dokumen OpenAPI 3.1 lengkap: <a href="/openapi.json">/openapi.json</a>. Pesan galat berbahasa Indonesia; kirim <code>Accept-Language: en</code> untuk bahasa Inggris.</p>
          <table>
            <thead><tr><th>Metode</th><th>Path</th><th>Fungsi</th><th>Akses</th></tr></thead>
            <tbody>${raw(rows)}</tbody>
          </table>
        </body>
      </html>`);
  },
});

import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';
import { freePort } from '../../infra/local/dynamodb-local.js';
import { httpServer } from '../../infra/local/system.js';
import { startTestSystem, type TestSystem } from './system.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with the flags this machine's closed network needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The test system's gateway behind a real HTTP server, as `npm start` serves it. */
export async function serve(sys: TestSystem): Promise<{ url: string; server: Server }> {
  const port = await freePort();
  const server = httpServer(sys.gateway);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://localhost:${port}`, server };
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
}

/**
 * Bytes of HTML, CSS and JS the current page loaded from the app (what a phone downloads).
 * A new document starts the count again; call the returned function after the page loaded.
 */
export function weighPage(page: Page): () => Promise<number> {
  let sizes: Promise<number>[] = [];
  page.on('response', (response) => {
    const type = response.headers()['content-type'] ?? '';
    if (!/html|css|javascript/.test(type) || response.status() >= 300) return;
    if (response.request().resourceType() === 'document' && response.frame() === page.mainFrame()) sizes = [];
    // A page closed before its body arrived weighs nothing (and must not reject unhandled).
    sizes.push(
      response.body().then(
        (body) => body.length,
        () => 0,
      ),
    );
  });
  return async () => (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
}

/**
 * What a browser test file starts with: a test system with this year's programme configured,
 * served over HTTP as `npm start` serves it, and Chromium. `close` stops both.
 */
export async function browserSystem(): Promise<{
  sys: TestSystem;
  base: string;
  browser: Browser;
  close: () => Promise<void>;
}> {
  const sys = await startTestSystem();
  const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
  await sys.request('PUT', `/programs/${year}`, { token: await sys.token('bappeda_staff'), body: {} });
  const { url, server } = await serve(sys);
  const browser = await launchChromium();
  return {
    sys,
    base: url,
    browser,
    close: async () => {
      await browser.close();
      server.close();
    },
  };
}

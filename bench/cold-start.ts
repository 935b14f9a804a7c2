/**
 * Cold start: each function bundled as CDK builds it (FUNCTION_BUNDLING through
 * esbuildOptions), weighed minified and gzipped, then imported by fresh `node` processes
 * (20 each, interleaved with the baseline so that load on the machine hits all alike).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { esbuildOptions, FUNCTION_NODE_OPTIONS } from '../infra/functions.js';
import { FUNCTIONS } from '../shared/api/routes.js';
import { median, ms, percentile, ratio } from './stats.js';

const RUNS = 20;
const BASELINE = 'baseline';

export interface BundleFigures {
  name: string;
  minifiedBytes: number;
  gzipBytes: number;
  /** Spawn to exit of `node` importing the bundle and checking the handler, median and p99 (ms). */
  processMs: number;
  processP99Ms: number;
  /** The import alone, measured inside the process (ms). */
  importMs: number;
  /** processMs over the baseline's. */
  vsBaseline: number;
  /** The largest packages in the bundle (KB of minified output), from esbuild's metafile. */
  largest: Record<string, number>;
}

function largestPackages(metafile: Metafile): Record<string, number> {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, input] of Object.entries(output.inputs)) {
      const pkg =
        /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path.split('/').slice(0, 2).join('/');
      totals.set(pkg, (totals.get(pkg) ?? 0) + input.bytesInOutput);
    }
  }
  return Object.fromEntries(
    [...totals]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([pkg, bytes]) => [pkg, Math.round(bytes / 1024)]),
  );
}

/** One fresh process importing `file`: wall time from spawn to exit, and the import time it reports. */
function coldImport(file: string): Promise<{ processMs: number; importMs: number }> {
  const script = `const t = performance.now(); const m = await import(${JSON.stringify(pathToFileURL(file).href)});
if (typeof m.handler !== 'function') process.exit(3);
process.stdout.write(String(performance.now() - t));`;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      // What Lambda sets (NODE_OPTIONS from infra/functions.ts), and enough configuration to build the handler.
      env: {
        PATH: process.env.PATH ?? '',
        NODE_OPTIONS: FUNCTION_NODE_OPTIONS ?? '',
        AWS_REGION: 'ap-southeast-3',
        TABLE_NAME: 'gkb-bench',
        LOG_LEVEL: 'SILENT',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`importing ${file} failed (${code}): ${err.slice(0, 500)}`));
      else resolve({ processMs: performance.now() - started, importMs: Number(out) });
    });
  });
}

export async function measureColdStarts(): Promise<BundleFigures[]> {
  const dir = mkdtempSync(join(tmpdir(), 'gkb-bench-bundles-'));
  try {
    const entries = [
      [BASELINE, 'bench/baseline-handler.ts'],
      ...FUNCTIONS.map((fn) => [fn, `functions/${fn}/handler.ts`]),
    ] as const;
    const bundles = await Promise.all(
      entries.map(async ([name, entry]) => {
        const options = esbuildOptions(entry, join(dir, name));
        const result = await build({ ...options, metafile: true, logLevel: 'warning' });
        const file = String(options.outfile);
        const bytes = readFileSync(file);
        return { name, file, bytes, metafile: result.metafile };
      }),
    );
    const samples = new Map(bundles.map((b) => [b.name, [] as { processMs: number; importMs: number }[]]));
    for (const b of bundles) await coldImport(b.file); // warm the file cache
    for (let run = 0; run < RUNS; run++) {
      for (const b of bundles) samples.get(b.name)?.push(await coldImport(b.file));
    }
    const figures = bundles.map((b) => {
      const s = samples.get(b.name) ?? [];
      return {
        name: b.name,
        minifiedBytes: b.bytes.length,
        gzipBytes: gzipSync(b.bytes).length,
        processMs: ms(median(s.map((x) => x.processMs))),
        processP99Ms: ms(
          percentile(
            s.map((x) => x.processMs),
            99,
          ),
        ),
        importMs: ms(median(s.map((x) => x.importMs))),
        vsBaseline: 0,
        largest: largestPackages(b.metafile),
      };
    });
    const baseline = figures.find((f) => f.name === BASELINE)?.processMs ?? 0;
    for (const f of figures) f.vsBaseline = ratio(f.processMs, baseline);
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

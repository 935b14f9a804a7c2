/**
 * Extracts the reference data GKB needs from the `idn-area-data` package (data ODbL-1.0):
 * the Brebes kecamatan and villages with names, and every province and kecamatan code in
 * Indonesia (to check and warn on NIK region digits). The extract is committed as
 * `shared/reference/regions.json` so that Lambda bundles carry 60 KB instead of 3 MB of CSV;
 * `test/unit/regions.test.ts` re-extracts and compares, so it cannot drift from the package.
 *
 *   npx tsx scripts/regions.ts   # rewrite shared/reference/regions.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeDistrictCodes } from '../shared/domain/district-codes.js';

export const REGENCY_CODE = '33.29';

function readCsv(name: string): string[][] {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('idn-area-data/package.json')), 'data');
  const text = readFileSync(join(dir, `${name}.csv`), 'utf8');
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map(parseCsvLine);
}

function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

export function extractRegions() {
  const packageVersion = (
    JSON.parse(
      readFileSync(createRequire(import.meta.url).resolve('idn-area-data/package.json'), 'utf8'),
    ) as { version: string }
  ).version;
  const regency = readCsv('regencies').find(([code]) => code === REGENCY_CODE);
  if (!regency) throw new Error(`regency ${REGENCY_CODE} missing from idn-area-data`);
  const allDistricts = readCsv('districts');
  return {
    source: `idn-area-data ${packageVersion}, data licensed ODbL-1.0`,
    regency: { code: REGENCY_CODE, name: regency[2] ?? '' },
    provinceCodes: readCsv('provinces').map(([code]) => code ?? ''),
    // Six-digit kecamatan codes of all Indonesia (NIK digits 1 to 6), as ranges per regency.
    allDistrictCodes: encodeDistrictCodes(allDistricts.map(([code]) => (code ?? '').replaceAll('.', ''))),
    districts: allDistricts
      .filter(([, regencyCode]) => regencyCode === REGENCY_CODE)
      .map(([code, , name]) => ({ code: code ?? '', name: name ?? '' })),
    // `33.29.01.2001 Banjaran|…`: each village's code (its kecamatan is the code's first
    // eight characters) and name, one string, a third of the size of objects.
    villages: readCsv('villages')
      .filter(([, districtCode]) => districtCode?.startsWith(`${REGENCY_CODE}.`))
      .map(([code, , name]) => `${code ?? ''} ${name ?? ''}`)
      .join('|'),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'shared', 'reference', 'regions.json');
  writeFileSync(target, `${JSON.stringify(extractRegions())}\n`);
  console.log(`wrote ${target}`);
}

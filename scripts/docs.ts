/**
 * `npm run docs`: writes the generated sections of docs/api.md (the route table and the error
 * codes) from the code. `test/unit/docs.test.ts` fails when they are stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { withGeneratedSections } from './api-docs.js';

const path = 'docs/api.md';
writeFileSync(path, withGeneratedSections(readFileSync(path, 'utf8')));
console.log(`${path}: generated sections written`);

// `npm run docs:human-form`: write docs/human-form.md (how many derivations of the human-form
// corpus print exactly as a person writes them, and today's output for the others) from the
// current code (compiled by tsconfig.scripts.json into dist/scripts/).

import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countSentence, humanFormReport, humanFormResults, REPORT_PATH } from './human-form.js';

// dist/scripts/ → the repository root.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const results = humanFormResults();
writeFileSync(join(root, REPORT_PATH), humanFormReport(results));
console.log(`wrote ${REPORT_PATH}: ${countSentence(results).replace(/\*\*/g, '')}`);

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openApiText } from './openapi/document.js';

/** `npm run contract`: writes openapi.json from the contract's schemas and operations. */
const target = fileURLToPath(new URL('../openapi.json', import.meta.url));
writeFileSync(target, openApiText());
console.log(`wrote ${target}`);

/**
 * `npm run schema`: regenerates schemas/*.schema.json from the zod schemas. A test fails while the
 * committed files are stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishedSchemas, schemaText } from './jsonSchema.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
for (const s of publishedSchemas()) {
  const file = path.join(root, s.file);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, schemaText(s));
  console.log(`wrote ${s.file}`);
}

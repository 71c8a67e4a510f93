/**
 * The published JSON Schemas (schemas/*.schema.json), generated from the same zod schemas that
 * validate files, so editors (yaml-language-server, VS Code) check and autocomplete exactly what the
 * loader accepts. They describe the input side: fields with defaults are optional. Rules that JSON
 * Schema cannot express (shares summing to 1, gaps inside the border, finite numbers) are enforced
 * only by `watchline validate`.
 */
import { z } from 'zod';
import { ConfigSchema, SceneSchema } from './schema.ts';

export interface PublishedSchema {
  /** Path of the committed file, relative to the repository root. */
  readonly file: string;
  readonly schema: Record<string, unknown>;
}

function publish(schema: z.ZodType, title: string): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema, ...rest } = json;
  return { $schema, title, ...rest };
}

/** Both schemas, in the order they are written. */
export function publishedSchemas(): PublishedSchema[] {
  return [
    { file: 'schemas/scene.schema.json', schema: publish(SceneSchema, 'Watchline scene') },
    { file: 'schemas/sim-config.schema.json', schema: publish(ConfigSchema, 'Watchline sim-config') },
  ];
}

/** The exact text committed for a schema (stable key order, two-space indent, final newline). */
export function schemaText(s: PublishedSchema): string {
  return JSON.stringify(s.schema, null, 2) + '\n';
}

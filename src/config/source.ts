/**
 * File text → plain JavaScript value, with a way back from a field path to its line for error reports.
 * YAML (1.2 core schema: `yes` stays a string, `.nan` is NaN and gets rejected by the schema) or JSON,
 * told apart by content. Pure: no node:* imports, so the viewer parses user-supplied text with it.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, Parser, parseDocument, visit, type Document, type Node } from 'yaml';
import { InputError, type Problem } from './errors.ts';

/**
 * Aliases allowed when a document is turned into values. Scenes and configs need a handful at most;
 * the cap stops "billion laughs" alias bombs from exhausting memory.
 */
export const MAX_ALIAS_COUNT = 100;

/**
 * Scene and config files larger than this are refused, in the CLI and in the browser alike: they are
 * hand-written YAML (the largest shipped file is about 2 KB; a `towers.at` list of 40,000 towers
 * still fits), not data. It also bounds the time the structural check below can take.
 */
export const MAX_SOURCE_BYTES = 1024 * 1024;
/** Deepest nesting of mappings and lists accepted; the schemas need 5 levels. */
export const MAX_NESTING = 64;
/**
 * Most keys one mapping may have; the schemas' largest mapping has 7. The YAML library checks
 * duplicate keys pairwise (quadratic), so a flat mapping of 100,000 keys would take minutes.
 */
export const MAX_MAPPING_KEYS = 256;

/** A parsed file: its value and a line lookup. */
export interface SourceDoc {
  /** The file as the user named it (or a label such as `(built-in default scene)`). */
  readonly name: string;
  readonly value: unknown;
  /** 1-based line of the field at `path` (of its deepest existing ancestor when it is missing). */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/** A value that came from no text (the embedded defaults): no lines. */
export function sourceFromValue(value: unknown, name: string): SourceDoc {
  return { name, value, lineOf: () => undefined };
}

/**
 * Parses `text` as YAML or JSON (JSON when it starts with `{` or `[`). Throws InputError, naming the
 * file and line, on a syntax error, an alias bomb, an empty file or a top level that is not a mapping.
 */
export function parseSource(text: string, name: string): SourceDoc {
  checkShape(text, name);
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  const looksJson = trimmed.startsWith('{') || trimmed.startsWith('[');
  let value: unknown;
  let lineOf: SourceDoc['lineOf'] = () => undefined;

  if (looksJson) {
    try {
      value = JSON.parse(trimmed);
    } catch (e) {
      throw InputError.of(jsonSyntaxProblem(text, name, e as Error));
    }
    const y = yamlDocument(text);
    if (y.doc.errors.length === 0) lineOf = lineLookup(y.doc, y.lc);
  } else {
    const { doc, lc } = yamlDocument(text);
    const bad = [...doc.errors, ...doc.warnings];
    if (bad.length > 0) {
      throw new InputError(
        bad.map((err) =>
          err.code === 'MULTIPLE_DOCS'
            ? {
                file: name,
                path: '',
                line: err.linePos?.[0]?.line,
                message: 'the file holds more than one YAML document (a second document starts here, after ---)',
                allowed: 'one document per file: one scene or one sim-config',
              }
            : {
                file: name,
                path: '',
                line: err.linePos?.[0]?.line,
                message: `YAML syntax error: ${firstLine(err.message).replace(/ at line \d+, column (\d+)$/, ' (column $1)')}`,
                allowed: 'well-formed YAML 1.2 (or JSON)',
              },
        ),
      );
    }
    const merge = mergeKeyLine(doc, lc);
    if (merge !== null) {
      throw InputError.of({
        file: name,
        path: '',
        ...(merge > 0 && { line: merge }),
        message: 'YAML merge keys (<<) are not supported',
        allowed: 'the fields written out in full (an anchor &name with an alias *name still repeats a whole value)',
      });
    }
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      throw InputError.of({
        file: name,
        path: '',
        message: `cannot read the YAML: ${firstLine((e as Error).message)}`,
        allowed: `at most ${MAX_ALIAS_COUNT} alias expansions`,
      });
    }
    lineOf = lineLookup(doc, lc);
  }

  if (value === null || value === undefined) {
    throw InputError.of({ file: name, path: '', message: 'the file is empty', allowed: 'a mapping of keys to values (see scenes/ and sim-configs/)' });
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw InputError.of({
      file: name,
      path: '',
      message: `the top level is ${Array.isArray(value) ? 'a list' : `a ${typeof value}`}, not a mapping`,
      allowed: 'a mapping of keys to values (see scenes/ and sim-configs/)',
    });
  }
  return { name, value, lineOf };
}

/** UTF-8 length of a string, without allocating its bytes. */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Refuses, before the YAML library builds a document, text that would make it slow or blow the
 * stack: more than MAX_SOURCE_BYTES, nesting deeper than MAX_NESTING, a mapping with more than
 * MAX_MAPPING_KEYS keys. The concrete syntax tree is built in linear time and walked without
 * recursion; what it cannot parse is left for the real parse to report with its line.
 */
export function checkShape(text: string, name: string): void {
  const bytes = utf8Bytes(text);
  if (bytes > MAX_SOURCE_BYTES) {
    throw InputError.of({ file: name, path: '', message: `the file is ${bytes} bytes long`, allowed: `a scene or sim-config of at most ${MAX_SOURCE_BYTES} bytes (1 MiB)` });
  }
  const shape = cstShape(text);
  if (shape.depth > MAX_NESTING) {
    throw InputError.of({
      file: name,
      path: '',
      ...(shape.depthLine !== undefined && { line: shape.depthLine }),
      message: `mappings and lists are nested more than ${MAX_NESTING} levels deep`,
      allowed: `at most ${MAX_NESTING} levels of nesting (scenes and configs need 5)`,
    });
  }
  if (shape.keys > MAX_MAPPING_KEYS) {
    throw InputError.of({
      file: name,
      path: '',
      ...(shape.keysLine !== undefined && { line: shape.keysLine }),
      message: `a mapping has ${shape.keys} keys`,
      allowed: `at most ${MAX_MAPPING_KEYS} keys in one mapping (the largest in a scene or config has 7)`,
    });
  }
}

interface CstToken {
  type?: string;
  offset?: number;
  value?: unknown;
  start?: { source?: string } | unknown[];
  items?: { key?: unknown; value?: unknown }[];
}

/** Deepest nesting and largest mapping of a YAML text's syntax tree (line numbers of the first offenders). */
function cstShape(text: string): { depth: number; depthLine?: number; keys: number; keysLine?: number } {
  let depth = 0;
  let depthAt = -1;
  let keys = 0;
  let keysAt = -1;
  const stack: [CstToken, number][] = [];
  try {
    for (const tok of new Parser().parse(text)) stack.push([tok as CstToken, 0]);
  } catch {
    return { depth: 0, keys: 0 }; // the real parse reports it
  }
  while (stack.length > 0) {
    const [t, d] = stack.pop()!;
    if (t === null || typeof t !== 'object') continue;
    if (t.type === 'document') {
      stack.push([t.value as CstToken, d]);
      continue;
    }
    if (!Array.isArray(t.items)) continue;
    if (d + 1 > depth) {
      depth = d + 1;
      depthAt = t.offset ?? -1;
    }
    const isMap = t.type === 'block-map' || (t.type === 'flow-collection' && (t.start as { source?: string } | undefined)?.source === '{');
    if (isMap && t.items.length > keys) {
      keys = t.items.length;
      keysAt = t.offset ?? -1;
    }
    // Past the limit the exact depth does not matter: stop descending.
    if (d + 1 > MAX_NESTING) continue;
    for (const it of t.items) {
      if (it.key) stack.push([it.key as CstToken, d + 1]);
      if (it.value) stack.push([it.value as CstToken, d + 1]);
    }
  }
  const lineAt = (offset: number) => (offset < 0 ? undefined : text.slice(0, offset).split('\n').length);
  return { depth, depthLine: lineAt(depthAt), keys, keysLine: lineAt(keysAt) };
}

/**
 * The line of the first YAML merge key (`<<: *base`), 0 when its line is unknown, null when there is
 * none. YAML 1.2 has no merge keys: the library would read `<<` as an ordinary key and the schema would
 * then report the fields it should have brought as missing.
 */
function mergeKeyLine(doc: Document.Parsed, lc: LineCounter): number | null {
  let found: number | null = null;
  visit(doc, {
    Pair(_key, pair) {
      if (isScalar(pair.key) && pair.key.value === '<<') {
        found = pair.key.range ? lc.linePos(pair.key.range[0]).line : 0;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function yamlDocument(text: string): { doc: Document.Parsed; lc: LineCounter } {
  const lc = new LineCounter();
  // logLevel 'error': warnings are collected in doc.warnings and reported as problems, never printed by the library.
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: true, uniqueKeys: true, schema: 'core', strict: true, logLevel: 'error' });
  return { doc, lc };
}

function lineLookup(doc: Document.Parsed, lc: LineCounter): SourceDoc['lineOf'] {
  return (path) => {
    let node: unknown = doc.contents;
    let line: number | undefined;
    for (const seg of path) {
      if (isAlias(node)) node = node.resolve(doc);
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        const keyNode = pair.key as Node;
        if (keyNode.range) line = lc.linePos(keyNode.range[0]).line;
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(seg)] as Node | undefined;
        if (!item) break;
        if (item.range) line = lc.linePos(item.range[0]).line;
        node = item;
      } else break;
    }
    return line;
  };
}

function jsonSyntaxProblem(text: string, name: string, e: Error): Problem {
  // V8 reports "... in JSON at position N" (Node 20) or "(line L column C)" (newer).
  const m = /position (\d+)/.exec(e.message);
  const lineMatch = /line (\d+)/.exec(e.message);
  let line: number | undefined;
  if (lineMatch) line = Number(lineMatch[1]);
  else if (m) line = text.slice(0, Number(m[1])).split('\n').length;
  return {
    file: name,
    path: '',
    ...(line !== undefined && { line }),
    message: `JSON syntax error: ${firstLine(e.message).replace(/\s*\(line \d+ column \d+\)$/, '')}`,
    allowed: 'well-formed JSON (or YAML)',
  };
}

function firstLine(s: string): string {
  return s.split('\n')[0].replace(/:$/, '').trim();
}

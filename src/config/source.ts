/**
 * File text → plain JavaScript value, with a way back from a field path to its line for error reports.
 * YAML (1.2 core schema: `yes` stays a string, `.nan` is NaN and gets rejected by the schema) or JSON,
 * told apart by content. Pure: no node:* imports, so the viewer parses user-supplied text with it.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { InputError, type Problem } from './errors.ts';

/**
 * Aliases allowed when a document is turned into values. Scenes and configs need a handful at most;
 * the cap stops "billion laughs" alias bombs from exhausting memory.
 */
export const MAX_ALIAS_COUNT = 100;

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
        bad.map((err) => ({
          file: name,
          path: '',
          line: err.linePos?.[0]?.line,
          message: `YAML syntax error: ${firstLine(err.message).replace(/ at line \d+, column (\d+)$/, ' (column $1)')}`,
          allowed: 'well-formed YAML 1.2 (or JSON)',
        })),
      );
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

function yamlDocument(text: string): { doc: Document.Parsed; lc: LineCounter } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: true, uniqueKeys: true, schema: 'core', strict: true });
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

/**
 * The Kubernetes path of docs/cluster/, checked as far as it can be without a cluster: the manifests
 * parse and validate against the Kubernetes API models (kubernetes-models) with no field the API does
 * not know (as `kubectl apply --validate=strict` would refuse), the Indexed Job's shell maps
 * JOB_COMPLETION_INDEX to shard K/N as the CLI expects, and the image is built with the README's
 * install command.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Job } from 'kubernetes-models/batch/v1';
import { PersistentVolumeClaim } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLUSTER = path.join(ROOT, 'docs/cluster');
const MODELS = path.join(ROOT, 'node_modules/kubernetes-models');

type Doc = Record<string, any>;

function manifests(file: string): Doc[] {
  return parseAllDocuments(readFileSync(path.join(CLUSTER, file), 'utf8')).map((d) => {
    expect(d.errors, file).toEqual([]);
    return d.toJS() as Doc;
  });
}

/** Validates one manifest with the API model of its kind; throws the model's message. */
function validate(doc: Doc): void {
  if (doc.kind === 'Job') new Job(doc as any).validate();
  else if (doc.kind === 'PersistentVolumeClaim') new PersistentVolumeClaim(doc as any).validate();
  else throw new Error(`no model checked here for kind ${doc.kind}`);
}

/**
 * Fields of the models' TypeScript interfaces, read from their declaration files: `"name"?: Type;` at
 * the interface's top level, and the declaration file each imported interface comes from. The models'
 * JSON Schemas allow unknown fields; the API server (strict validation) does not.
 */
const shapes = new Map<string, { fields: Map<string, string>; imports: Map<string, string> }>();
function shapeOf(dts: string) {
  let s = shapes.get(dts);
  if (s) return s;
  const text = readFileSync(dts, 'utf8');
  const imports = new Map<string, string>();
  for (const m of text.matchAll(/^import \{ (\w+) \} from "(.+?)";$/gm)) {
    const spec = m[2];
    const base = spec.startsWith('.') ? path.resolve(path.dirname(dts), spec) : path.join(ROOT, 'node_modules', spec);
    imports.set(m[1], base + '.d.ts');
  }
  const body = /^export interface \w+(?: extends [\w, ]+)? \{\n([\s\S]*?)^\}/m.exec(text)?.[1] ?? '';
  const fields = new Map<string, string>();
  for (const m of body.matchAll(/^ {4}"(\w+)"\??: (.+?);?$/gm)) fields.set(m[1], m[2]);
  s = { fields, imports };
  shapes.set(dts, s);
  return s;
}

/** Paths of fields in `value` that the model declared in `dts` does not have (recursively). */
function unknownFields(value: unknown, dts: string, at: string): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const { fields, imports } = shapeOf(dts);
  if (fields.size === 0) return []; // a type alias (Quantity, IntOrString): a leaf
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    const type = fields.get(k);
    if (type === undefined) {
      out.push(`${at}.${k}`);
      continue;
    }
    const element = /^Array<(\w+)>$/.exec(type)?.[1];
    const target = imports.get(element ?? type);
    if (!target || !existsSync(target)) continue; // a primitive, an enum or a map (labels, quantities)
    if (element && Array.isArray(v)) v.forEach((e, i) => out.push(...unknownFields(e, target, `${at}.${k}[${i}]`)));
    else out.push(...unknownFields(v, target, `${at}.${k}`));
  }
  return out;
}

function modelFile(doc: Doc): string {
  if (doc.kind === 'Job') return path.join(MODELS, 'batch/v1/Job.d.ts');
  if (doc.kind === 'PersistentVolumeClaim') return path.join(MODELS, 'v1/PersistentVolumeClaim.d.ts');
  throw new Error(`no model for kind ${doc.kind}`);
}

const sweepDocs = manifests('watchline-sweep-job.yaml');
const mergeDocs = manifests('watchline-merge-job.yaml');
const shardJob = sweepDocs.find((d) => d.kind === 'Job')!;
const mergeJob = mergeDocs.find((d) => d.kind === 'Job')!;
const pvc = sweepDocs.find((d) => d.kind === 'PersistentVolumeClaim')!;
const shardContainer = shardJob.spec.template.spec.containers[0];
const env = Object.fromEntries((shardContainer.env as { name: string; value: string }[]).map((e) => [e.name, e.value]));

describe('docs/cluster Kubernetes manifests', () => {
  it('are a volume claim and a shard Job, and a merge Job', () => {
    expect(sweepDocs.map((d) => d.kind)).toEqual(['PersistentVolumeClaim', 'Job']);
    expect(mergeDocs.map((d) => d.kind)).toEqual(['Job']);
  });

  it('validate against the Kubernetes API models, with no field the API does not know', () => {
    for (const doc of [...sweepDocs, ...mergeDocs]) {
      expect(() => validate(doc), `${doc.kind} ${doc.metadata.name}`).not.toThrow();
      expect(unknownFields(doc, modelFile(doc), doc.kind), `${doc.kind} ${doc.metadata.name}`).toEqual([]);
    }
  });

  it('a broken manifest is refused (the checks above can fail)', () => {
    const copy = () => structuredClone(shardJob);
    const badMode = copy();
    badMode.spec.completionMode = 'Indexd';
    expect(() => validate(badMode)).toThrow(/completionMode/);
    const badCount = copy();
    badCount.spec.completions = '8';
    expect(() => validate(badCount)).toThrow(/completions/);
    const typo = copy();
    typo.spec.backofLimitPerIndex = typo.spec.backoffLimitPerIndex;
    typo.spec.template.spec.containers[0].volumeMount = [];
    typo.metadata.label = {};
    expect(unknownFields(typo, modelFile(typo), 'Job').sort()).toEqual(['Job.metadata.label', 'Job.spec.backofLimitPerIndex', 'Job.spec.template.spec.containers[0].volumeMount']);
  });

  it('the shard Job is Indexed, retries each shard on its own, and has one completion per shard', () => {
    expect(shardJob.spec.completionMode).toBe('Indexed');
    expect(shardJob.spec.backoffLimitPerIndex).toBeGreaterThanOrEqual(1);
    expect(shardJob.spec.backoffLimit).toBeUndefined(); // a whole-Job limit would stop the per-index retries
    expect(shardJob.spec.podReplacementPolicy).toBe('Failed');
    expect(shardJob.spec.template.spec.restartPolicy).toBe('Never');
    expect(Number(env.WATCHLINE_SHARDS)).toBe(shardJob.spec.completions);
    expect(shardJob.spec.parallelism).toBeLessThanOrEqual(shardJob.spec.completions);
    expect(existsSync(path.join(ROOT, env.WATCHLINE_CONFIG)), env.WATCHLINE_CONFIG).toBe(true);
  });

  it('pod JOB_COMPLETION_INDEX = k − 1 runs shard k/N into /data/shards/shard-k, with as many workers as CPUs it asks for', () => {
    // The container's shell, run with a stand-in `node` that prints the arguments it was given.
    const bin = mkdtempSync(path.join(tmpdir(), 'watchline-k8s-'));
    writeFileSync(path.join(bin, 'node'), '#!/bin/sh\nprintf "%s\\n" "$@"\n');
    chmodSync(path.join(bin, 'node'), 0o755);
    expect(shardContainer.command).toEqual(['/bin/sh', '-c']);
    try {
      const n = shardJob.spec.completions as number;
      const cpus = String(shardContainer.resources.requests.cpu);
      for (let index = 0; index < n; index++) {
        const r = spawnSync('/bin/sh', ['-c', shardContainer.args[0]], {
          encoding: 'utf8',
          env: { PATH: `${bin}:/usr/bin:/bin`, JOB_COMPLETION_INDEX: String(index), ...env },
        });
        expect(r.status, r.stderr).toBe(0);
        const k = index + 1;
        expect(r.stdout.trimEnd().split('\n')).toEqual(['bin/watchline.js', 'sweep', '--config', env.WATCHLINE_CONFIG, '--shard', `${k}/${n}`, '--out', `/data/shards/shard-${k}`, '--workers', cpus, '--force']);
      }
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it('the merge Job reads every shard folder from the same volume and writes the merged sweep', () => {
    const c = mergeJob.spec.template.spec.containers[0];
    expect(c.command).toEqual(['/bin/sh', '-c']);
    expect(c.args[0]).toMatch(/^exec node bin\/watchline\.js merge \/data\/shards\/shard-\* --out \/data\/out\/sweep --force$/);
    expect(c.image).toBe(shardContainer.image);
    expect(c.volumeMounts).toEqual(shardContainer.volumeMounts);
    expect(mergeJob.spec.template.spec.volumes).toEqual(shardJob.spec.template.spec.volumes);
    expect(shardJob.spec.template.spec.volumes[0].persistentVolumeClaim.claimName).toBe(pvc.metadata.name);
    expect(pvc.spec.accessModes).toEqual(['ReadWriteMany']);
  });
});

describe('docs/cluster/Dockerfile', () => {
  const lines = readFileSync(path.join(CLUSTER, 'Dockerfile'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

  it("runs the README's install command, and nothing else", () => {
    // The README's install commands: the npm ci / npm install commands in its code.
    const installs = new Set([...readme.matchAll(/\bnpm (?:ci|install)\b[^`&#|;\n]*/g)].map((m) => m[0].trim()));
    expect(installs).toContain('npm ci');
    const runs = lines.filter((l) => l.startsWith('RUN ')).map((l) => l.slice(4).trim());
    expect(runs).toEqual(['npm ci']);
    for (const r of runs) expect(installs).toContain(r);
    // The lock file is in the image before the install (npm ci needs it), the sources after.
    expect(lines.indexOf('COPY package.json package-lock.json ./')).toBeLessThan(lines.indexOf('RUN npm ci'));
    expect(lines.indexOf('RUN npm ci')).toBeLessThan(lines.indexOf('COPY . .'));
  });

  it("uses a Node that package.json's engines allow, and runs the repository's entry point", () => {
    const major = Number(/^FROM node:(\d+)/.exec(lines[0])?.[1]);
    const engines = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).engines.node as string;
    expect(major).toBeGreaterThanOrEqual(Number(/>=\s*(\d+)/.exec(engines)?.[1]));
    expect(lines).toContain('WORKDIR /app');
    expect(shardContainer.workingDir).toBe('/app');
    expect(lines).toContain('ENTRYPOINT ["node", "bin/watchline.js"]');
  });

  it("keeps the host's node_modules out of the image", () => {
    const ignore = readFileSync(path.join(CLUSTER, 'Dockerfile.dockerignore'), 'utf8').split('\n');
    expect(ignore).toContain('node_modules');
    expect(ignore).toContain('out');
  });
});

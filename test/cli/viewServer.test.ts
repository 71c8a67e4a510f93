/** The `watchline view` server: the built viewer, and only the scenario files the dev server would serve. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortInUseError, startViewServer, type ViewServer } from '../../src/cli/viewServer.ts';
import { tempDir } from '../config/helpers.ts';

/** GET with the path sent exactly as written (fetch would normalise `..` away). */
function get(port: number, rawPath: string): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, method: 'GET', agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

const dir = tempDir('watchline-view-');
const viewerDir = path.join(dir, 'viewer');
const scenes = path.join(dir, 'my scenes');
const configs = path.join(dir, 'configs');
let server: ViewServer;

beforeAll(async () => {
  mkdirSync(path.join(viewerDir, 'assets'), { recursive: true });
  writeFileSync(path.join(viewerDir, 'index.html'), '<!doctype html><title>viewer</title>');
  writeFileSync(path.join(viewerDir, 'assets/app-1234.js'), 'export const x = 1;');
  mkdirSync(path.join(scenes, 'data'), { recursive: true });
  writeFileSync(path.join(scenes, 'border.yaml'), 'name: border\n');
  writeFileSync(path.join(scenes, 'data/line.geojson'), '{"type":"FeatureCollection","features":[]}');
  writeFileSync(path.join(scenes, 'notes.txt'), 'private notes');
  writeFileSync(path.join(dir, 'secret.yaml'), 'secret: 1\n');
  mkdirSync(configs);
  writeFileSync(path.join(configs, 'towers.yaml'), 'towers: { spacingM: 2000 }\n');
  server = await startViewServer({ viewerDir, folders: { scenes, 'sim-configs': configs }, port: 0 });
});

afterAll(async () => {
  await server?.close();
});

describe('watchline view server', () => {
  it('listens on 127.0.0.1 and serves the built viewer', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    const index = await get(server.port, '/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>viewer</title>');
    expect(index.headers['cache-control']).toBe('no-cache');
    const asset = await get(server.port, '/assets/app-1234.js');
    expect(asset.status).toBe(200);
    expect(asset.body).toBe('export const x = 1;');
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('serves the scene folder as scenes/ and the config folder as sim-configs/, and lists them', async () => {
    expect((await get(server.port, '/scenes/border.yaml')).body).toBe('name: border\n');
    expect((await get(server.port, '/scenes/data/line.geojson')).body).toContain('FeatureCollection');
    expect((await get(server.port, '/sim-configs/towers.yaml')).body).toBe('towers: { spacingM: 2000 }\n');
    expect(JSON.parse((await get(server.port, '/api/scenarios')).body)).toEqual({ scenes: ['scenes/border.yaml'], configs: ['sim-configs/towers.yaml'] });
  });

  it('serves nothing else from the disk', async () => {
    for (const p of ['/scenes/notes.txt', '/scenes/../secret.yaml', '/scenes/%2e%2e/secret.yaml', '/sim-configs/..%2fsecret.yaml', '/secret.yaml', '/viewer/index.html', '/index.html/../../secret.yaml']) {
      const r = await get(server.port, p);
      expect(r.status, p).toBe(404);
      expect(r.body, p).not.toContain('secret');
    }
  });

  it('refuses a taken port when told, or moves to the next one', async () => {
    const folders = { scenes, 'sim-configs': configs };
    await expect(startViewServer({ viewerDir, folders, port: server.port })).rejects.toThrow(PortInUseError);
    const next = await startViewServer({ viewerDir, folders, port: server.port, portTries: 5 });
    try {
      expect(next.port).toBeGreaterThan(server.port);
      expect(next.port).toBeLessThanOrEqual(server.port + 5);
      expect((await get(next.port, '/scenes/border.yaml')).status).toBe(200);
    } finally {
      await next.close();
    }
  });

  it('says how to build the viewer when it is missing', async () => {
    await expect(startViewServer({ viewerDir: path.join(dir, 'nowhere'), folders: { scenes, 'sim-configs': configs }, port: 0 })).rejects.toThrow(/npm run build/);
  });
});

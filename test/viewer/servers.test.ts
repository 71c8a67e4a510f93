/**
 * The dev and preview servers listen on the loopback interface only, unless told otherwise
 * (`npm start -- --host 0.0.0.0`): nobody else on the network can read the project's files through
 * them (issue 7). Checked on the resolved Vite config and on a real dev server.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServer, resolveConfig } from 'vite';

const root = path.resolve(import.meta.dirname, '../..');
const configFile = path.join(root, 'vite.config.ts');
const LOOPBACK = ['127.0.0.1', '::1', 'localhost'];

describe('servers listen on localhost', () => {
  it('vite.config.ts: dev server and preview server hosts are loopback', async () => {
    const dev = await resolveConfig({ configFile, root }, 'serve', 'development');
    expect(LOOPBACK).toContain(dev.server.host);
    const preview = await resolveConfig({ configFile, root }, 'serve', 'production');
    expect(LOOPBACK).toContain(preview.preview.host);
  });

  it('a started dev server is bound to 127.0.0.1, not to every interface', async () => {
    const server = await createServer({ configFile, root, server: { port: 0, strictPort: false, open: false, watch: null }, logLevel: 'silent' });
    try {
      await server.listen();
      const address = server.httpServer!.address() as AddressInfo;
      expect(address.address).toBe('127.0.0.1');
      // The scenario file list answers there (the page's own API), so this is the real server.
      const res = await fetch(`http://127.0.0.1:${address.port}/api/scenarios`);
      expect(((await res.json()) as { scenes: string[] }).scenes).toContain('scenes/flat-10km.yaml');
    } finally {
      await server.close();
    }
  });
});

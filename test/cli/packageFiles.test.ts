import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT, VIEWER_DIR } from '../../src/cli/packageFiles.ts';

describe('packageFiles', () => {
  it('finds the package root (its package.json names watchline) and the built viewer below it', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    expect(path.resolve(PACKAGE_ROOT)).toBe(root);
    expect((JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { name: string }).name).toBe('watchline');
    expect(path.resolve(VIEWER_DIR)).toBe(path.join(root, 'dist/viewer'));
    // The viewer's build goes where the server looks (vite.config.ts build.outDir).
    expect(readFileSync(path.join(root, 'vite.config.ts'), 'utf8')).toContain("outDir: 'dist/viewer'");
    expect(existsSync(path.join(PACKAGE_ROOT, 'src/cli/packageFiles.ts'))).toBe(true);
  });
});

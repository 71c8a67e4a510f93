import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listScenarioFiles, scenarioFilePath } from '../../src/viewer/vite/scenarioFiles.ts';

const ROOT = path.resolve(__dirname, '../..');

describe('scenario files served to the viewer', () => {
  it('lists the shipped scenes and configs', async () => {
    const list = await listScenarioFiles(ROOT);
    expect(list.scenes.length).toBeGreaterThan(0);
    expect(list.configs).toContain('sim-configs/default.yaml');
    for (const f of [...list.scenes, ...list.configs]) expect(f).toMatch(/^(scenes|sim-configs)\/[^/]+\.(ya?ml|json)$/);
  });

  it('serves only YAML/JSON files inside scenes/ and sim-configs/', () => {
    expect(scenarioFilePath(ROOT, '/scenes/desert-50km.yaml')).toBe(path.join(ROOT, 'scenes/desert-50km.yaml'));
    expect(scenarioFilePath(ROOT, '/sim-configs/default.yaml?t=1')).toBe(path.join(ROOT, 'sim-configs/default.yaml'));
    expect(scenarioFilePath(ROOT, '/scenes/../package.json')).toBeNull();
    expect(scenarioFilePath(ROOT, '/scenes/%2e%2e/%2e%2e/etc/passwd.yaml')).toBeNull();
    expect(scenarioFilePath(ROOT, '/src/viewer/main.ts')).toBeNull();
    expect(scenarioFilePath(ROOT, '/scenes/x.ts')).toBeNull();
  });
});

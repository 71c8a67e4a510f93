/**
 * Repro (0718524, issue 7): `--set __proto__.x=1` reached Object.prototype through the override walk
 * and changed every object in the process; sweep points (withOverrides) walked the same path. Fixed
 * by refusing `__proto__`, `prototype` and `constructor` segments and setting only own properties.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/config/errors.ts';
import { parseSet } from '../../src/config/overrides.ts';
import { parseScenario, withOverrides } from '../../src/config/scenario.ts';

const probe = () => ({}) as Record<string, unknown>;

afterEach(() => {
  // Never leave a polluted prototype behind for other tests, whatever happened.
  delete (Object.prototype as Record<string, unknown>).polluted;
});

describe('repro: prototype pollution through --set', () => {
  const paths = ['__proto__.polluted', 'towers.__proto__.polluted', 'constructor.prototype.polluted', 'scene.__proto__.polluted', 'cameras.0.constructor.prototype.polluted'];

  for (const path of paths) {
    it(`--set ${path}=1 is refused and no object gains a field`, () => {
      expect(() => parseSet(`${path}=1`)).toThrow(InputError);
      expect(() => parseScenario({ sets: [`${path}=1`] })).toThrow(/is not a field/);
      expect(probe().polluted).toBeUndefined();
    });
  }

  it('a sweep point cannot reach the prototype either', () => {
    const base = parseScenario({});
    expect(() => withOverrides(base, ['__proto__.polluted=1'])).toThrow(/is not a field/);
    expect(() => withOverrides(base, [{ target: 'config', path: 'constructor.prototype.polluted', value: 1, text: 'constructor.prototype.polluted=1' }])).toThrow(/is not a field/);
    expect(probe().polluted).toBeUndefined();
  });

  it('a "__proto__" key in a file is an unknown key, not a prototype', () => {
    expect(() => parseScenario({ configText: '__proto__: { polluted: 1 }\ntowers: { spacingM: 1000 }\ncameras: [ { sensor: ideal, rangeM: 500 } ]\n', configName: 'p.yaml' })).toThrow(
      /p\.yaml, line 1, field __proto__: unknown key "__proto__"/,
    );
    expect(probe().polluted).toBeUndefined();
  });
});

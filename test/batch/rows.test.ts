/** attempts.csv and events.jsonl lines: written from the column list and read back to the same rows. */
import { describe, expect, it } from 'vitest';
import { rowContext, rowOf } from '../../src/core/attemptRow.ts';
import { runAttempts } from '../../src/core/run.ts';
import { createWorld, withRun } from '../../src/core/world.ts';
import { CSV_HEADER, csvLine, eventLine, parseCsvLine } from '../../src/batch/rows.ts';
import { flatScene, idealCamera, spacedConfig } from '../core/fixtures.ts';

const world = createWorld(flatScene(10, {}, [{ kind: 'foot', share: 0.5 }, { kind: 'group', share: 0.5 }]), spacedConfig(3000, [idealCamera(1200)]));
const ctx = rowContext(world);
const rows = (() => {
  const out: ReturnType<typeof rowOf>[] = [];
  runAttempts(withRun(world, { seed: 3, stepS: 1 }), 0, 200, (o) => out.push(rowOf(o, ctx)));
  return out;
})();

describe('attempts.csv lines', () => {
  it('read back to the very rows they were written from (both threats, detected or not)', () => {
    expect(new Set(rows.map((r) => `${r.threat}/${r.detected}`)).size).toBe(4);
    for (const r of rows) expect(parseCsvLine(csvLine(r).trimEnd(), ctx.kinds)).toEqual(r);
  });
  it('hold the header’s columns; an undetected row leaves the first-detection cells empty', () => {
    const header = CSV_HEADER.trim().split(',');
    const r = rows.find((x) => !x.detected)!;
    const cells = csvLine(r).trimEnd().split(',');
    expect(cells).toHaveLength(header.length);
    for (const c of ['firstDetectTimeS', 'firstDetectCamera', 'firstDetectTower', 'firstDetectRangeM', 'firstDetectP', 'firstDetectX', 'firstDetectY']) expect(cells[header.indexOf(c)], c).toBe('');
    expect(cells[header.indexOf('interrupted')]).toBe('0');
  });
  it('refuse a line with a column missing or an unknown threat', () => {
    expect(() => parseCsvLine('1,foot,2', ctx.kinds)).toThrow(/columns/);
    expect(() => parseCsvLine(csvLine(rows[0]).trimEnd().replace(/^(\d+),\w+,/, '$1,camel,'), ctx.kinds)).toThrow(/camel/);
  });
  it('write lostAt as its word and refuse a word it cannot hold', () => {
    const header = CSV_HEADER.trim().split(',');
    const i = header.indexOf('lostAt');
    const missed = rows.find((x) => !x.detected)!;
    const cells = csvLine(missed).trimEnd().split(',');
    expect(['unsensed', 'outage', 'unnoticed']).toContain(cells[i]);
    cells[i] = 'asleep';
    expect(() => parseCsvLine(cells.join(','), ctx.kinds)).toThrow(/lostAt: "asleep" is not one of/);
  });
});

describe('events.jsonl lines', () => {
  it('give a detected row’s detection with its absolute time, to the millisecond', () => {
    const r = rows.find((x) => x.detected)!;
    const e = JSON.parse(eventLine(r));
    expect(Object.keys(e)).toEqual(['t', 'attempt', 'camera', 'tower', 'rangeM', 'p', 'x', 'y', 'chainageKm', 'threat', 'tAttemptS', 'beforeBarrier', 'interrupted', 'day', 'lostAt', 'alarmTimeS']);
    expect(e.t).toBe(Math.round((r.startTimeS + r.firstDetectTimeS!) * 1000) / 1000);
    expect([e.attempt, e.x, e.y, e.chainageKm, e.threat]).toEqual([r.id, r.firstDetectX, r.firstDetectY, r.crossingKm, r.threat]);
  });
});

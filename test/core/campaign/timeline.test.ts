import { describe, expect, it } from 'vitest';
import { TimelineRecorder } from '../../../src/core/campaign/timeline.ts';

describe('TimelineRecorder', () => {
  it('averages each level over its bins exactly', () => {
    const r = new TimelineRecorder(1500, 600);
    r.set(0, 0, 0);
    r.set(300, 2, 1); // queue 2 from 300 s to 900 s; a team out from 300 s on
    r.set(900, 0, 1);
    r.addOperatorBusy(0, 900); // one operator busy until 900 s
    const t = r.finish();
    expect(Array.from(t.queue)).toEqual([1, 1, 0]); // 2·300/600, 2·300/600, 0
    expect(Array.from(t.operatorsBusy)).toEqual([1, 0.5, 0]);
    expect(Array.from(t.teamsBusy)).toEqual([0.5, 1, 1]); // last bin is 300 s long
  });

  it('adds operators busy at once, across bins, and keeps what lies outside the campaign out', () => {
    const r = new TimelineRecorder(1200, 600);
    r.addOperatorBusy(450, 750); // 150 s in bin 0, 150 s in bin 1
    r.addOperatorBusy(500, 560); // 60 s more in bin 0, overlapping: two operators then
    r.addOperatorBusy(1100, 2000); // only 100 s are within the campaign
    r.addOperatorBusy(-100, 30); // only 30 s
    const t = r.finish();
    expect(Array.from(t.operatorsBusy)).toEqual([(150 + 60 + 30) / 600, (150 + 100) / 600]);
  });

  it('is the same whether a level is set again unchanged or not', () => {
    const a = new TimelineRecorder(1800, 600);
    const b = new TimelineRecorder(1800, 600);
    a.set(100, 1, 0);
    a.set(1000, 0, 2);
    for (const s of [100, 250, 400, 700]) b.set(s, 1, 0); // repeats change nothing
    b.set(1000, 0, 2);
    b.set(1300, 0, 2);
    expect(b.finish()).toEqual(a.finish());
    expect(Array.from(a.timeline.queue)).toEqual([500 / 600, 400 / 600, 0]);
  });
});

/**
 * Bench section `viewer` (issue 3): the browser viewer under load, in headless Chromium — 300 towers
 * (600 panning cameras) along a 300 km border and about 1,000 intruders live at once, the whole border
 * in view. Reports the frame interval (requestAnimationFrame to requestAnimationFrame), the page's own
 * work per frame (stream application, symbol updates and the render call), draw calls and triangles
 * per frame, and the JS heap's growth per frame while the simulation is paused and the camera moves
 * (the render loop allocates nothing, so it should stay near zero).
 *
 * Chromium here renders with SwiftShader (software WebGL on the CPU), so frame intervals measure this
 * machine's CPU rasterising the picture; draw calls and per-frame work are what a GPU would see too.
 */
import type { Page } from 'playwright-core';
import { launchChromium, openViewer, startViewerServer } from '../test/e2e/harness.ts';
import type { BenchOptions, BenchSection } from './types.ts';

interface FrameSample {
  intervalMs: number[];
  workMs: number[];
  calls: number;
  triangles: number;
}

/** Samples `frames` rendered frames: their rAF intervals and the app's per-frame work. */
async function sampleFrames(page: Page, frames: number): Promise<FrameSample> {
  return page.evaluate(
    (n) =>
      new Promise<FrameSample>((resolve) => {
        const app = window.watchline!;
        const intervalMs: number[] = [];
        const workMs: number[] = [];
        let lastFrames = app.state.frames;
        let last = performance.now();
        const step = () => {
          const f = app.state.frames;
          if (f !== lastFrames) {
            const now = performance.now();
            intervalMs.push((now - last) / (f - lastFrames));
            workMs.push(app.renderInfo().frameWorkMs);
            last = now;
            lastFrames = f;
          }
          if (intervalMs.length >= n) {
            const info = app.renderInfo();
            resolve({ intervalMs, workMs, calls: info.calls, triangles: info.triangles });
          } else requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
    frames,
  );
}

function stats(xs: number[]): { mean: number; p50: number; p95: number } {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
  return { mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length), p50: q(0.5), p95: q(0.95) };
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

export const viewerSection: BenchSection = {
  name: 'viewer',
  description: 'browser viewer in headless Chromium: frame time and draw calls with 300 towers and ~1,000 live intruders',
  async run(opts: BenchOptions) {
    const lengthKm = opts.quick ? 100 : 300;
    const attempts = opts.quick ? 4700 : 14_000;
    const frames = opts.quick ? 40 : 120;
    const viewport = { width: 1280, height: 720 };
    // Flat ground, towers every km, people on foot at night: ~attempts · 2560 s / 9 h live at once.
    const query = [
      'scene=scenes/flat-10km.yaml',
      'config=sim-configs/default.yaml',
      `set=scene.border.line.lengthKm=${lengthKm}`,
      'set=towers.spacingM=1000',
      `set=run.attempts=${attempts}`,
      'speed=1000',
    ].join('&');
    opts.log(`viewer: building the viewer and starting Chromium (${lengthKm} km, ${lengthKm} towers, ${attempts} attempts)`);
    const server = await startViewerServer();
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await openViewer(page, server.url, `?${query}`, 180_000);
      const renderer = await page.evaluate(() => {
        const gl = document.querySelector<HTMLCanvasElement>('#view')!.getContext('webgl2')!;
        const ext = gl.getExtension('WEBGL_debug_renderer_info');
        return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
      });
      const liveTarget = opts.quick ? 300 : 950;
      opts.log(`viewer: waiting for ${liveTarget} live intruders`);
      await page.waitForFunction((n) => window.watchline!.state.live >= n, liveTarget, { timeout: 300_000, polling: 250 });
      // Sample at a slow speed, so the crowd stays the same size while the frames are counted
      // (positions still change every tick, so every frame still redraws them).
      await page.evaluate(() => window.watchline!.setSpeed(10));
      const towers = await page.evaluate(() => (window.watchline as unknown as { client: { view: { towers: { count: number }; cameras: { count: number } } } }).client.view);
      opts.log(`viewer: sampling ${frames} frames while the simulation runs`);
      const live0 = await page.evaluate(() => window.watchline!.state.live);
      const running = await sampleFrames(page, frames);
      const live1 = await page.evaluate(() => window.watchline!.state.live);

      // Allocation check: simulation paused, the camera orbits (every frame renders), heap sampled.
      await page.evaluate(() => window.watchline!.setPaused(true));
      const heap = await page.evaluate(
        (n) =>
          new Promise<{ bytesPerFrame: number | null; frames: number }>((resolve) => {
            const app = window.watchline! as unknown as { stage: { controls: { target: { x: number } }; camera: { position: { x: number } }; invalidate(): void }; state: { frames: number } };
            const mem = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
            const f0 = app.state.frames;
            let h0 = -1;
            let k = 0;
            const step = () => {
              // Pan a metre a frame: a camera move, the render loop's whole per-frame path, no new data.
              app.stage.camera.position.x += 1;
              app.stage.controls.target.x += 1;
              app.stage.invalidate();
              if (k === 10 && mem) h0 = mem.usedJSHeapSize;
              if (k++ < n) requestAnimationFrame(step);
              else resolve({ bytesPerFrame: mem && h0 >= 0 ? (mem.usedJSHeapSize - h0) / (n - 10) : null, frames: app.state.frames - f0 });
            };
            requestAnimationFrame(step);
          }),
        frames,
      );
      const iv = stats(running.intervalMs);
      const work = stats(running.workMs);
      if (errors.length) opts.log(`viewer: page errors: ${errors.join(' | ')}`);
      return {
        renderer,
        viewport: `${viewport.width}x${viewport.height}`,
        towers: towers.towers.count,
        cameras: towers.cameras.count,
        liveIntruders: Math.round((live0 + live1) / 2),
        frames,
        drawCalls: running.calls,
        triangles: running.triangles,
        frameIntervalMs: { mean: round(iv.mean), p50: round(iv.p50), p95: round(iv.p95) },
        fps: round(1000 / iv.mean, 1),
        pageWorkPerFrameMs: { mean: round(work.mean), p50: round(work.p50), p95: round(work.p95) },
        pausedHeapGrowthBytesPerFrame: heap.bytesPerFrame === null ? null : Math.round(heap.bytesPerFrame),
        pageErrors: errors.length,
      };
    } finally {
      await browser.close();
      await server.close();
    }
  },
  format(r) {
    const iv = r.frameIntervalMs as { mean: number; p95: number };
    const w = r.pageWorkPerFrameMs as { mean: number; p95: number };
    return [
      `  ${r.towers} towers, ${r.cameras} cameras, ${r.liveIntruders} live intruders, ${r.viewport}, ${r.renderer}`,
      `  draw calls ${r.drawCalls}, triangles ${r.triangles}`,
      `  frame interval mean ${iv.mean} ms (p95 ${iv.p95}), ${r.fps} fps`,
      `  page work per frame mean ${w.mean} ms (p95 ${w.p95})`,
      `  heap growth per frame (paused, camera moving): ${r.pausedHeapGrowthBytesPerFrame ?? 'n/a'} bytes`,
    ].join('\n');
  },
};

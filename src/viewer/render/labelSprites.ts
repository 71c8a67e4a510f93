/**
 * Map labels as sprites of constant screen size (text drawn once into a canvas texture), so labelling
 * the map costs nothing per frame: no DOM writes, no allocation while the camera moves.
 */
import * as THREE from 'three';

export interface LabelStyle {
  color?: string;
  background?: string;
  /** Text height on screen, CSS pixels. */
  sizePx?: number;
  bold?: boolean;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export class LabelSprites {
  readonly group = new THREE.Group();
  private readonly sprites: { sprite: THREE.Sprite; wPx: number; hPx: number }[] = [];

  add(text: string, x: number, y: number, z: number, style: LabelStyle = {}): THREE.Sprite {
    const sizePx = style.sizePx ?? 13;
    const ratio = 2;
    const font = `${style.bold ? '600 ' : ''}${sizePx * ratio}px ${FONT}`;
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d')!;
    ctx.font = font;
    const padX = 6 * ratio;
    const padY = 3 * ratio;
    const w = Math.ceil(ctx.measureText(text).width + 2 * padX);
    const h = Math.ceil(sizePx * ratio * 1.25 + 2 * padY);
    canvas.width = w;
    canvas.height = h;
    ctx.font = font;
    if (style.background) {
      ctx.fillStyle = style.background;
      const r = 4 * ratio;
      ctx.beginPath();
      ctx.roundRect(0, 0, w, h, r);
      ctx.fill();
    }
    ctx.fillStyle = style.color ?? '#ffffff';
    ctx.textBaseline = 'middle';
    ctx.fillText(text, padX, h / 2 + ratio);
    const tex = new THREE.CanvasTexture(canvas);
    tex.colorSpace = THREE.SRGBColorSpace;
    tex.minFilter = THREE.LinearFilter;
    const mat = new THREE.SpriteMaterial({ map: tex, sizeAttenuation: false, depthTest: false, depthWrite: false, transparent: true, fog: false });
    const sprite = new THREE.Sprite(mat);
    sprite.center.set(0.5, 0);
    sprite.position.set(x, y, z);
    sprite.renderOrder = 10;
    this.sprites.push({ sprite, wPx: w / ratio, hPx: h / ratio });
    this.group.add(sprite);
    return sprite;
  }

  /** Sizes every label to its pixel size for a viewport `heightPx` tall seen through `fovDeg`. */
  resize(heightPx: number, fovDeg: number): void {
    const k = (2 * Math.tan((fovDeg * Math.PI) / 360)) / Math.max(1, heightPx);
    for (const s of this.sprites) s.sprite.scale.set(s.wPx * k, s.hPx * k, 1);
  }

  dispose(): void {
    for (const s of this.sprites) {
      s.sprite.material.map?.dispose();
      s.sprite.material.dispose();
    }
    this.sprites.length = 0;
    this.group.clear();
  }
}

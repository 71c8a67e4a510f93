/**
 * `watchline ranges`: a thermal camera's range table (README: Commands), from a preset or from optics given
 * on the command line, under a visibility class or by pure pixel criteria (--geometric).
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { EXTINCTION_PER_KM } from '../../core/environment.ts';
import { MAKER_JOHNSON, PRESET_NAMES, CAMERA_PRESETS, isPresetName } from '../../core/sensors/presets.ts';
import { rangeTable } from '../../core/sensors/rangeTable.ts';
import type { OpticsSpec, Visibility } from '../../core/spec.ts';
import { InputError } from '../../config/errors.ts';
import { numberOption, wholeNumberOption } from '../options.ts';

interface RangesFlags {
  preset?: string;
  cols?: number;
  rows?: number;
  pitchUm?: number;
  focalMm?: number;
  netdK?: number;
  visibility: Visibility;
  geometric?: boolean;
  json?: boolean;
}

const VISIBILITIES = Object.keys(EXTINCTION_PER_KM) as Visibility[];

function visibilityOption(v: string): Visibility {
  if (!(VISIBILITIES as string[]).includes(v)) throw new InvalidArgumentError(`expected one of ${VISIBILITIES.join(', ')}.`);
  return v as Visibility;
}

export function resolveRangesOptics(f: RangesFlags): { optics: OpticsSpec; label: string } {
  const custom = f.cols !== undefined || f.pitchUm !== undefined || f.focalMm !== undefined;
  if (f.preset !== undefined && !isPresetName(f.preset)) {
    throw InputError.of({ file: '(command line)', path: '--preset', got: JSON.stringify(f.preset), message: 'unknown camera preset', allowed: PRESET_NAMES.join(', ') });
  }
  const base = f.preset !== undefined && isPresetName(f.preset) ? CAMERA_PRESETS[f.preset].optics : custom ? undefined : CAMERA_PRESETS['mid-range-640'].optics;
  const optics = {
    cols: f.cols ?? base?.cols,
    rows: f.rows ?? base?.rows ?? (f.cols !== undefined ? Math.round((f.cols * 4) / 5) : undefined),
    pitchUm: f.pitchUm ?? base?.pitchUm,
    focalMm: f.focalMm ?? base?.focalMm,
    netdK: f.netdK ?? base?.netdK ?? 0.05,
  };
  const missing = (['cols', 'pitchUm', 'focalMm'] as const).filter((k) => optics[k] === undefined);
  if (missing.length) {
    const flag = (k: string) => `--${k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`;
    throw InputError.of({ file: '(command line)', path: missing.map(flag).join(', '), message: 'custom optics need the detector width, pixel pitch and focal length', allowed: '--cols N --pitch-um P --focal-mm F, or --preset NAME' });
  }
  return { optics: optics as OpticsSpec, label: f.preset ?? (custom ? 'custom' : 'mid-range-640') };
}

export function registerRanges(program: Command): Command {
  return program
    .command('ranges')
    .description('range table of a thermal camera: IFOV, HFOV, and the range at P∞ = 0.5 for detection, recognition and identification of each threat')
    .option('--preset <name>', `camera preset (${PRESET_NAMES.join(', ')}); default mid-range-640`)
    .option('--cols <n>', 'detector columns', wholeNumberOption(1, 100_000))
    .option('--rows <n>', 'detector rows (default: 4/5 of the columns)', wholeNumberOption(1, 100_000))
    .option('--pitch-um <p>', 'pixel pitch, µm', numberOption(0.1, 1000))
    .option('--focal-mm <f>', 'focal length, mm', numberOption(0.1, 100_000))
    .option('--netd-k <k>', 'NETD, kelvin (default: the preset\'s, or 0.05)', numberOption(0.001, 10))
    .option('--visibility <v>', `atmosphere: ${VISIBILITIES.join(', ')}`, visibilityOption, 'clear')
    .option('--geometric', 'ignore atmosphere and contrast: pure pixel criteria, as in makers\' tables')
    .option('--json', 'print { ifovMrad, hfovDeg, ranges: { <threat>: { detectM, recognizeM, identifyM } } }')
    .addHelpText('after', '\nExamples:\n  watchline ranges --preset long-range-640 --visibility haze\n  watchline ranges --cols 640 --pitch-um 17 --focal-mm 75 --geometric --json')
    .action((f: RangesFlags) => {
      const { optics, label } = resolveRangesOptics(f);
      const table = rangeTable(optics, MAKER_JOHNSON, f.geometric ? null : EXTINCTION_PER_KM[f.visibility]);
      if (f.json) {
        process.stdout.write(JSON.stringify({ camera: label, optics, ...table }, null, 2) + '\n');
        return;
      }
      const m = (x: number) => `${Math.round(x).toLocaleString('en-US')} m`.padStart(10);
      const lines = [
        `${label}: ${optics.cols} × ${optics.rows} px, ${optics.pitchUm} µm, ${optics.focalMm} mm, NETD ${optics.netdK} K`,
        `IFOV ${table.ifovMrad.toFixed(3)} mrad · HFOV ${table.hfovDeg.toFixed(2)}° · VFOV ${table.vfovDeg.toFixed(2)}°`,
        f.geometric ? 'geometric (pixel criteria 1.5 / 6 / 12 px, no atmosphere)' : `visibility ${f.visibility} (σ = ${EXTINCTION_PER_KM[f.visibility]}/km), night contrast`,
        '',
        `${'threat'.padEnd(8)}${'detect'.padStart(10)}${'recognize'.padStart(12)}${'identify'.padStart(12)}`,
        ...Object.entries(table.ranges).map(([k, r]) => `${k.padEnd(8)}${m(r.detectM)}  ${m(r.recognizeM)}  ${m(r.identifyM)}`),
      ];
      process.stdout.write(lines.join('\n') + '\n');
    });
}

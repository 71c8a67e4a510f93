/**
 * Strict schemas of scene files (scenes/) and sim-config files (sim-configs/), CONTRACT.md
 * "Configuration files". Parsing with them yields exactly the shapes of src/core/spec.ts with every
 * default filled in; the same schemas generate the published JSON Schema (jsonSchema.ts).
 *
 * Strict everywhere: an unknown key is an error, so a typo (`spacingm`) never silently falls back to
 * a default. Cross-field rules that need the other file (tower chainages against the border length,
 * sweep axes) live in scenario.ts; everything that one file can decide lives here.
 */
import { z } from 'zod';
import { THREAT_KINDS, WATCH_MODES, type ConfigSpec, type SceneSpec, type ThreatKind, type WatchMode } from '../core/spec.ts';
import { PRESET_NAMES, type PresetName } from '../core/sensors/presets.ts';
import { DATA_REF_ALLOWED, dataRefProblem } from './dataRefs.ts';
import { MAX_ATTEMPTS, MAX_BORDER_KM } from './limits.ts';
import { allowed, angleSpan, between, count, finite, nonEmptyString, nonNegative, positive, wholeNumber } from './fields.ts';

/** Tolerance on the sum of threat shares. */
export const SHARE_SUM_TOLERANCE = 1e-6;
/** Largest run seed: the counter-based generator keys on 32-bit words (src/core/rng.ts). */
export const MAX_SEED = 0xffffffff;

const threatKind = z.enum(THREAT_KINDS as unknown as [ThreatKind, ...ThreatKind[]]);

// ---------------------------------------------------------------------------------------------- scene

const gapSchema = z
  .strictObject({
    fromKm: nonNegative('Start of the gap, km of chainage from the start of the line.'),
    toKm: positive('End of the gap, km of chainage; greater than fromKm.'),
  })
  .superRefine((g, ctx) => {
    if (!(g.fromKm < g.toKm)) {
      ctx.addIssue({
        code: 'custom',
        path: ['toKm'],
        input: g.toKm,
        message: `a gap must end after it starts (fromKm is ${g.fromKm})`,
        params: { allowed: `a number > fromKm (${g.fromKm})` },
      });
    }
  });

/**
 * A data file a scene names (GeoJSON line, TopoJSON atlas, DEM): a local path, relative to the scene
 * file and inside its folder (dataRefs.ts). Scenes never fetch anything, so URLs are refused here
 * rather than failing later as a missing file.
 */
function localFile(description: string) {
  return nonEmptyString(description).superRefine((v, ctx) => {
    // dataRefs.ts: relative paths that stay in the scene file's folder; no URLs, no absolute paths.
    const problem = dataRefProblem(v);
    if (problem === null) return;
    const url = /URLs/.test(problem);
    ctx.addIssue({
      code: 'custom',
      input: v,
      message: problem,
      params: { allowed: url ? `${DATA_REF_ALLOWED} (download the data first)` : DATA_REF_ALLOWED },
    });
  });
}

/** A country by name, or by ISO 3166 numeric id written as a number (368) or a string ("368"). */
function countryRef() {
  return z.union([nonEmptyString(), z.number().int().min(0).max(999).transform(String)], {
    error: allowed('a country name or ISO 3166 numeric id, e.g. "Iraq" or 368'),
  });
}

const lineSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('straight'),
    lengthKm: between(0, MAX_BORDER_KM, { unit: ' km' }, 'Length of the straight border, km. It runs west to east; the home side is north.'),
  }),
  z.strictObject({
    type: z.literal('geojson'),
    file: localFile('GeoJSON file holding one LineString or MultiLineString (longitude, latitude), relative to the scene file. Chainage runs in the file\'s order; the home side is on its left.'),
    reverse: z.boolean().optional().describe('Run chainage from the last position to the first (swaps the home and far sides). Default false.'),
  }),
  z.strictObject({
    type: z.literal('countries'),
    between: z
      .tuple([countryRef(), countryRef()])
      .describe('Two country names or ISO 3166 numeric ids whose shared boundary is the border; the first is the home side, where towers stand.'),
    file: localFile('TopoJSON atlas with a "countries" object, relative to the scene file. Default: Natural Earth 1:10m from npm world-atlas (countries-10m.json).').optional(),
  }),
]);

const delaySchema = z
  .strictObject(
    Object.fromEntries(THREAT_KINDS.map((k) => [k, nonNegative(`Time for a ${k} attempt to climb or cut the barrier, s.`).optional()])) as Record<
      ThreatKind,
      z.ZodOptional<ReturnType<typeof nonNegative>>
    >,
  )
  .describe('Climb/cut time per threat kind, seconds. Defaults: foot 60, group 120, crawler 90.');

const barrierSchema = z
  .strictObject({
    heightM: nonNegative('Wall height, m.').default(3),
    widthM: nonNegative('Wall width (thickness), m.').default(3),
    gaps: z.array(gapSchema).default(() => []).describe('Fragile areas: chainage intervals without a wall.'),
    delayS: delaySchema.optional(),
  })
  .prefault({});

const terrainSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('flat') }),
    z.strictObject({
      type: z.literal('procedural'),
      seed: wholeNumber(0, MAX_SEED, 'Seed of the relief, independent of the run seed.').default(7),
      reliefM: nonNegative('Peak-to-trough amplitude of the rolling relief, m.').default(25),
      wadis: wholeNumber(0, 10_000, 'Number of wadis (low-ground channels) crossing the border.').default(4),
      wadiDepthM: nonNegative('Depth of a wadi, m.').default(6),
      wadiWidthM: positive('Width of a wadi, m.').default(60),
      cellM: positive('Heightfield cell size, m.').default(10),
    }),
    z.strictObject({
      type: z.literal('dem'),
      file: localFile('GeoTIFF elevation model in longitude/latitude (EPSG:4326), heights in metres, relative to the scene file; it must cover the strip. Needs a geographic border line (geojson or countries).'),
      cellM: positive('Resampling cell size, m. Default: the DEM\'s own pixel size, at least 10 m.').optional(),
    }),
  ])
  .prefault({ type: 'flat' });

const environmentSchema = z
  .strictObject({
    visibility: z.enum(['clear', 'haze', 'dust', 'fog']).default('clear').describe('Sets the LWIR extinction (docs/model.md §3).'),
    timeOfDay: z
      .enum(['night', 'day', 'dawn', 'dusk', 'mixed'])
      .default('night')
      .describe('When attempts start; `mixed` is the night-heavy 24-hour distribution.'),
    extinctionPerKm: nonNegative('Overrides the extinction implied by visibility, per km.').optional(),
  })
  .prefault({});

const threatSchema = z.strictObject({
  kind: threatKind,
  share: positive('Share of attempts of this kind; all shares sum to 1.'),
  speedMps: positive('Overrides the kind\'s speed, m/s.').optional(),
  criticalDimM: positive('Overrides the kind\'s critical dimension, m.').optional(),
  heightM: nonNegative('Overrides the kind\'s height, m.').optional(),
  deltaTK: finite('Overrides the kind\'s temperature difference to the background, K.').optional(),
  entryM: nonNegative('Tunnels only: distance of the hidden entrance beyond the barrier line (far side), m. Default 300; at most the strip\'s approachM is used.').optional(),
  exitM: nonNegative('Tunnels only: distance of the exit inside the barrier line (home side), m; unseen until then. Default 150.').optional(),
});

const crossingSchema = z
  .strictObject({
    distribution: z
      .enum(['uniform', 'gaps', 'lowground', 'weakest'])
      .default('uniform')
      .describe('Where attempts cross: uniformly, at gaps, along low ground, or at the weakest point of coverage.'),
  })
  .prefault({});

const stripSchema = z
  .strictObject({
    approachM: positive('Distance beyond the barrier where attempts start, m.').default(2000),
    depthM: positive('Distance into the home side where an attempt counts as through, m.').default(1000),
  })
  .prefault({});

export const SceneSchema = z
  .strictObject({
    name: z.string().optional(),
    border: z.strictObject({ line: lineSchema, barrier: barrierSchema }),
    terrain: terrainSchema,
    environment: environmentSchema,
    threats: z.array(threatSchema).min(1, { error: allowed('a list of at least one threat, e.g. [ { kind: foot, share: 1 } ]') }),
    crossing: crossingSchema,
    strip: stripSchema,
  })
  .superRefine((scene, ctx) => {
    // Threats: each kind once, shares summing to 1.
    const seen = new Map<string, number>();
    scene.threats.forEach((t, i) => {
      const first = seen.get(t.kind);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['threats', i, 'kind'],
          input: t.kind,
          message: `threat kind "${t.kind}" is listed twice (also threats.${first})`,
          params: { allowed: 'each kind at most once' },
        });
      } else seen.set(t.kind, i);
    });
    // Tunnel mouths belong to tunnels only.
    scene.threats.forEach((t, i) => {
      if (t.kind === 'tunnel') return;
      for (const key of ['entryM', 'exitM'] as const) {
        if (t[key] === undefined) continue;
        ctx.addIssue({
          code: 'custom',
          path: ['threats', i, key],
          input: t[key],
          message: `${key} applies only to kind tunnel, not ${t.kind}`,
          params: { allowed: 'entryM and exitM only on a threat of kind tunnel' },
        });
      }
    });
    const sum = scene.threats.reduce((a, t) => a + t.share, 0);
    if (scene.threats.length > 0 && Math.abs(sum - 1) > SHARE_SUM_TOLERANCE) {
      ctx.addIssue({
        code: 'custom',
        path: ['threats'],
        input: scene.threats.map((t) => `${t.kind} ${t.share}`).join(', '),
        message: `threat shares must sum to 1, but they sum to ${+sum.toPrecision(12)}`,
        params: { allowed: 'positive shares that sum to 1 (within ±1e-6)' },
      });
    }

    // Gaps: inside the line when its length is known, and not overlapping.
    const gaps = scene.border.barrier.gaps;
    const line = scene.border.line;
    if (line.type === 'straight') {
      gaps.forEach((g, i) => {
        if (g.toKm > line.lengthKm) {
          ctx.addIssue({
            code: 'custom',
            path: ['border', 'barrier', 'gaps', i, 'toKm'],
            input: g.toKm,
            message: `the gap ends beyond the end of the border (lengthKm ${line.lengthKm})`,
            params: { allowed: `a chainage from 0 to ${line.lengthKm} km` },
          });
        }
      });
    }
    const order = gaps.map((g, i) => ({ g, i })).sort((a, b) => a.g.fromKm - b.g.fromKm);
    for (let k = 1; k < order.length; k++) {
      const prev = order[k - 1];
      const cur = order[k];
      if (cur.g.fromKm < prev.g.toKm) {
        ctx.addIssue({
          code: 'custom',
          path: ['border', 'barrier', 'gaps', cur.i, 'fromKm'],
          input: cur.g.fromKm,
          message: `the gap overlaps gap ${prev.i} (${prev.g.fromKm}–${prev.g.toKm} km)`,
          params: { allowed: 'gaps that do not overlap; merge them into one' },
        });
      }
    }

    // Vehicles pass only at gaps (DOMAIN.md §2), and so do attempts aimed at gaps.
    if (gaps.length === 0) {
      const v = scene.threats.findIndex((t) => t.kind === 'vehicle');
      if (v >= 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['threats', v, 'kind'],
          input: 'vehicle',
          message: 'vehicles can cross only at a barrier gap, but border.barrier.gaps is empty',
          params: { allowed: 'at least one gap in border.barrier.gaps, or no vehicle threat' },
        });
      }
      if (scene.crossing.distribution === 'gaps') {
        ctx.addIssue({
          code: 'custom',
          path: ['crossing', 'distribution'],
          input: 'gaps',
          message: 'crossings at gaps need at least one gap, but border.barrier.gaps is empty',
          params: { allowed: 'at least one gap in border.barrier.gaps, or another distribution' },
        });
      }
    }
  })
  .describe('A Watchline scene: the border, barrier, terrain, environment and the threat mix.');

// ------------------------------------------------------------------------------------------ sim-config

const towerAtSchema = z.strictObject({
  km: nonNegative('Chainage of the tower, km from the start of the line.'),
  heightM: nonNegative('Overrides the layout height for this tower, m.').optional(),
  setbackM: nonNegative('Overrides the layout setback for this tower, m.').optional(),
});

const TOWER_KEYS = ['spacingM', 'offsetM', 'setbackM', 'heightM', 'at'];

/**
 * Towers are either a regular layout (`spacingM`, `offsetM`) or a list (`at`). One object with all keys
 * optional and a rule choosing the form gives clearer messages than a union of two strict objects.
 */
const towersSchema = z
  .strictObject({
    spacingM: positive('Distance between towers along the border, m.').optional(),
    offsetM: nonNegative('Chainage of the first tower, m. Default: spacingM / 2, so towers sit centred in their cells.').optional(),
    setbackM: nonNegative('Distance of the towers behind the barrier line on the home side, m.').default(50),
    heightM: nonNegative('Camera height above the ground, m.').default(15),
    at: z.array(towerAtSchema).optional().describe('Explicit tower positions, instead of spacingM/offsetM.'),
  })
  .superRefine((t, ctx) => {
    if (t.spacingM === undefined && t.at === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['spacingM'],
        input: undefined,
        message: 'towers need either spacingM (a regular layout) or at (a list of positions)',
        params: { allowed: `spacingM > 0, or at: [ { km: ... }, ... ]; known keys: ${TOWER_KEYS.join(', ')}` },
      });
    } else if (t.spacingM !== undefined && t.at !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['at'],
        input: t.at,
        message: 'towers take either spacingM (a regular layout) or at (a list of positions), not both',
        params: { allowed: 'spacingM with optional offsetM, or at alone' },
      });
    } else if (t.at !== undefined && t.offsetM !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['offsetM'],
        input: t.offsetM,
        message: 'offsetM applies only to a regular layout (spacingM), not to an explicit list (at)',
        params: { allowed: 'no offsetM with at' },
      });
    }
  })
  .transform((t) =>
    t.at !== undefined
      ? { at: t.at, setbackM: t.setbackM, heightM: t.heightM }
      : { spacingM: t.spacingM!, offsetM: t.offsetM ?? t.spacingM! / 2, setbackM: t.setbackM, heightM: t.heightM },
  );

const scanSchema = z
  .strictObject({
    sectorDeg: angleSpan('Sector swept by the pan, degrees, centred on headingDeg; 360 for a full turn.').default(360),
    periodS: positive('Time for one sweep across the sector, s.'),
  })
  .describe('A panning camera: the field of view sweeps the sector.');

const OPTICS_KEYS = ['cols', 'rows', 'pitchUm', 'focalMm', 'netdK'] as const;

const opticsSchema = z
  .strictObject({
    cols: count('Detector columns, pixels.').optional(),
    rows: count('Detector rows, pixels.').optional(),
    pitchUm: positive('Pixel pitch, µm.').optional(),
    focalMm: positive('Focal length, mm.').optional(),
    netdK: positive('Noise-equivalent temperature difference, K.').optional(),
  })
  .describe('Overrides of the preset\'s optics, or the full optics when no preset is named.');

const johnsonSchema = z
  .strictObject({
    detect: positive('N50 cycles for detection (makers: 0.75).').optional(),
    recognize: positive('N50 cycles for recognition (makers: 3).').optional(),
    identify: positive('N50 cycles for identification (makers: 6).').optional(),
  })
  .describe('Johnson N50 criteria, cycles on target.');

const presetName = z.enum(PRESET_NAMES as [PresetName, ...PresetName[]]);

const thermalSchema = z
  .strictObject({
    sensor: z.literal('thermal'),
    preset: presetName.optional().describe('A camera preset (src/core/sensors/presets.ts).'),
    optics: opticsSchema.optional(),
    johnson: johnsonSchema.optional(),
    headingDeg: finite('Heading of the view centre, degrees clockwise from the tower\'s outward normal.').default(0),
    fovDeg: angleSpan('Field of view, degrees; default the optics\' HFOV; 360 is a staring all-round view.').optional(),
    scan: scanSchema.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.preset !== undefined) return;
    const missing = OPTICS_KEYS.filter((k) => c.optics?.[k] === undefined);
    if (missing.length === 0) return;
    const hint = `a preset (one of: ${PRESET_NAMES.join(', ')}) or full optics { ${OPTICS_KEYS.join(', ')} }`;
    ctx.addIssue(
      c.optics === undefined
        ? { code: 'custom', path: ['preset'], input: undefined, message: 'a thermal camera needs a preset or full optics', params: { allowed: hint } }
        : {
            code: 'custom',
            path: ['optics'],
            input: c.optics,
            message: `without a preset, optics must be complete; missing ${missing.join(', ')}`,
            params: { allowed: hint },
          },
    );
  });

const idealSchema = z.strictObject({
  sensor: z.literal('ideal'),
  rangeM: positive('Range of the cookie-cutter sensor, m: within it (and in view and line of sight) its P∞ is pInfinity.'),
  pInfinity: between(0, 1, { loInclusive: true }, 'P∞ of the cookie-cutter sensor (bounded search: per attempt it detects, at once, with this probability). Default 1.').optional(),
  headingDeg: finite('Heading of the view centre, degrees clockwise from the tower\'s outward normal.').default(0),
  fovDeg: angleSpan('Field of view, degrees.').default(360),
  scan: scanSchema.optional(),
});

const cameraSchema = z.discriminatedUnion('sensor', [thermalSchema, idealSchema]);

const runSchema = z
  .strictObject({
    attempts: wholeNumber(1, MAX_ATTEMPTS, 'Number of Monte Carlo attempts.').default(10000),
    seed: wholeNumber(0, MAX_SEED, 'Run seed; attempt i draws from the stream (seed, i).').default(1),
    stepS: positive('Simulation step, s.').default(2),
    days: wholeNumber(1, 100_000, 'Days of outage maps the attempts are spread over; each attempt draws its day uniformly. Default 30 (assumed: a month).').optional(),
  })
  .prefault({});

const watchSchema = z
  .strictObject({
    mode: z
      .enum(WATCH_MODES as [WatchMode, ...WatchMode[]])
      .optional()
      .describe('How sensing becomes an alarm: operators watch feeds (attention falls with feeds per operator), analytics raise alarms (own N50), or ideal (every sensing event is at once an assessed alarm). Default operators.'),
    operators: count('People on shift in the control room. Default: one per 8 cameras, rounded up.').optional(),
    assessS: positive('Mean time to assess one alarm, s (exponential). Default 30.').optional(),
    maxWaitS: positive('An alarm waiting longer than this is lost, s. Default 300.').optional(),
    analytics: z
      .strictObject({
        n50: positive('Johnson N50 of the analytics\' detection criterion, cycles. Default 1.5.').optional(),
        nuisancePerCameraHour: nonNegative('Nuisance alarms per camera-hour in clear air. Default 0.5.').optional(),
      })
      .optional(),
  })
  .describe('How sensing becomes an alarm someone acts on (the detection chain).');

const sweepRangeSchema = z.strictObject({ first: finite(), step: finite(), last: finite() });
const sweepAxisSchema = z.union([z.array(z.unknown()).min(1), sweepRangeSchema], {
  error: 'a non-empty list of values, or a range { first, step, last }',
});

/** Largest number of values one `{ first, step, last }` sweep axis may expand to. */
export const MAX_SWEEP_AXIS = 10_000;
/** Most point-repetitions (product of the axes' value counts × repetitions) one sweep may hold. */
export const MAX_SWEEP_UNITS = 100_000;

export const ConfigSchema = z
  .strictObject({
    scene: nonEmptyString('Scene file, relative to this file. Without it, the built-in default scene.').optional(),
    towers: towersSchema,
    cameras: z
      .array(cameraSchema)
      .min(1, { error: allowed('a list of at least one camera, e.g. [ { sensor: thermal, preset: mid-range-640 } ]') })
      .describe('The cameras every tower carries.'),
    run: runSchema,
    sweep: z
      .record(z.string().min(1), sweepAxisSchema)
      .optional()
      .describe('Grid for `watchline sweep`: dotted field path (as in --set) → list of values or { first, step, last }.'),
    sweepOptions: z
      .strictObject({
        repetitions: count('Repetitions of each grid point.').default(1),
        targetRate: between(0, 1, {}, 'Detection rate the recommendation aims for: the widest spacing whose 95 % lower bound reaches it.').default(0.95),
      })
      .optional(),
    availability: between(0, 1, { loInclusive: true }, 'Share of cameras in service on a given day, drawn per (camera, day). Default 0.95 (assumed).').optional(),
    watch: watchSchema.optional(),
    response: z
      .strictObject({
        delayS: nonNegative('Fixed dispatch delay after a detection, s.'),
        speedMps: positive('Speed of the response from the nearest tower, m/s.'),
      })
      .optional(),
  })
  .superRefine((c, ctx) => {
    let units = c.sweepOptions?.repetitions ?? 1;
    for (const [key, axis] of Object.entries(c.sweep ?? {})) {
      units *= Array.isArray(axis) ? axis.length : (sweepRangeCount(axis) ?? 1);
      if (/^(config\.)?run\.seed$/.test(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['sweep', key],
          input: axis,
          message: 'a sweep over run.seed would give every point other attempts, which breaks the common random numbers that make points comparable',
          params: { allowed: 'sweepOptions.repetitions for more seeds (each point runs every repetition with the same seeds)' },
        });
      }
    }
    if (units > MAX_SWEEP_UNITS) {
      const reps = c.sweepOptions?.repetitions ?? 1;
      ctx.addIssue({
        code: 'custom',
        path: reps > 1 && units / reps <= MAX_SWEEP_UNITS ? ['sweepOptions', 'repetitions'] : ['sweep'],
        input: reps > 1 && units / reps <= MAX_SWEEP_UNITS ? reps : undefined,
        message: `the sweep has ${units.toLocaleString('en-US')} point-repetitions (the product of the axes' value counts × repetitions)`,
        params: { allowed: `at most ${MAX_SWEEP_UNITS.toLocaleString('en-US')} point-repetitions in one sweep: fewer values or repetitions, or several sweeps` },
      });
    }
    for (const [key, axis] of Object.entries(c.sweep ?? {})) {
      if (Array.isArray(axis)) continue;
      const n = sweepRangeCount(axis);
      if (n === null) {
        ctx.addIssue({
          code: 'custom',
          path: ['sweep', key, 'step'],
          input: axis.step,
          message: `the range from ${axis.first} to ${axis.last} never reaches its end with step ${axis.step}`,
          params: { allowed: 'a step ≠ 0 with the sign of last − first' },
        });
      } else if (n > MAX_SWEEP_AXIS) {
        ctx.addIssue({
          code: 'custom',
          path: ['sweep', key],
          input: axis,
          message: `the range expands to ${n} values`,
          params: { allowed: `at most ${MAX_SWEEP_AXIS} values per axis` },
        });
      }
    }
  })
  .describe('A Watchline sim-config: tower layout, cameras, run parameters and an optional sweep grid.');

/** Number of values of a `{ first, step, last }` axis, or null when the step never gets there. */
export function sweepRangeCount(r: { first: number; step: number; last: number }): number | null {
  if (r.first === r.last) return 1;
  if (r.step === 0 || Math.sign(r.step) !== Math.sign(r.last - r.first)) return null;
  // A relative epsilon so that 0.1-steps include their end despite rounding.
  return Math.floor((r.last - r.first) / r.step + 1e-9) + 1;
}

/** Values of a sweep axis: the list as given, or the expanded range (rounded to 12 significant digits). */
export function sweepAxisValues(axis: unknown[] | { first: number; step: number; last: number }): unknown[] {
  if (Array.isArray(axis)) return axis;
  const n = sweepRangeCount(axis) ?? 0;
  return Array.from({ length: n }, (_, i) => +(axis.first + i * axis.step).toPrecision(12));
}

export type SceneInput = z.input<typeof SceneSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;

// Compile-time checks: what the schemas produce is what the core consumes. A schema change that
// breaks spec.ts's shapes fails `npm run typecheck` here.
type Assignable<A, B> = [A] extends [B] ? true : false;
const sceneOutputIsSceneSpec: Assignable<z.output<typeof SceneSchema>, SceneSpec> = true;
const configOutputIsConfigSpec: Assignable<z.output<typeof ConfigSchema>, ConfigSpec> = true;
void sceneOutputIsSceneSpec;
void configOutputIsConfigSpec;

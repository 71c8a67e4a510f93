/**
 * `watchline view [--scene F] [--config F] [--port P] [--open]`: serves the built 3D viewer from the
 * installed package on 127.0.0.1 and opens the user's scenario in it. The scene's folder is served as
 * scenes/ and the config's folder as sim-configs/ (each, when not given, that folder of the working
 * directory, as `npm start` serves the repository's), so the page can read the scene's data files by
 * their relative paths and the scenario picker lists the files beside them. Runs until Ctrl-C.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { wholeNumberOption } from '../options.ts';

interface ViewFlags {
  scene?: string;
  config?: string;
  port?: number;
  open?: boolean;
}

/** vite preview's port, so a viewer link reads alike however it was served. */
export const DEFAULT_VIEW_PORT = 4173;

export interface ViewTarget {
  folders: { scenes: string; 'sim-configs': string };
  /** The page's query (`?scene=scenes/x.yaml&config=sim-configs/y.yaml`), '' for the default scenario. */
  query: string;
}

/**
 * Which folders to serve and which page to open for the flags. The scenario is loaded first, as `run`
 * loads it, so a bad file exits 2 here with the CLI's message rather than as an error on the page;
 * `--config` alone serves the folder of the scene its `scene:` names.
 */
export async function viewTarget(flags: { scene?: string; config?: string }): Promise<ViewTarget> {
  const cwd = process.cwd();
  const [{ loadScenario }, { servedScenarioPath }] = await Promise.all([import('../../config/load.ts'), import('../../viewer/fileGate.ts')]);
  const scenario = loadScenario({ configPath: flags.config, scenePath: flags.scene });
  const sceneFile = scenario.sceneFile !== null ? path.resolve(cwd, scenario.sceneFile) : null;
  const configFile = flags.config !== undefined ? path.resolve(cwd, flags.config) : null;
  const params = new URLSearchParams();
  // The page refuses a path it could not fetch back (odd characters in a file name): say so now.
  if (sceneFile) params.set('scene', servedScenarioPath(`scenes/${path.basename(sceneFile)}`, '--scene'));
  if (configFile) params.set('config', servedScenarioPath(`sim-configs/${path.basename(configFile)}`, '--config'));
  const query = params.toString().replace(/%2F/gi, '/');
  return {
    folders: {
      scenes: sceneFile ? path.dirname(sceneFile) : path.join(cwd, 'scenes'),
      'sim-configs': configFile ? path.dirname(configFile) : path.join(cwd, 'sim-configs'),
    },
    query: query ? `?${query}` : '',
  };
}

export function registerView(program: Command): Command {
  return program
    .command('view')
    .description('open a scenario in the 3D viewer: serves the built viewer and your scene and config folders on 127.0.0.1')
    .option('--scene <file>', 'scene file (YAML or JSON); its folder is served, so its data files load by relative path')
    .option('--config <file>', 'sim-config file (YAML or JSON); its folder is served; its scene: is used when --scene is not given')
    .option('--port <p>', `port on 127.0.0.1 (default ${DEFAULT_VIEW_PORT}, or the next free one)`, wholeNumberOption(1, 65535))
    .option('--open', 'open the page in the default browser')
    .addHelpText('after', '\nExamples:\n  watchline view --scene scenes/desert-50km.yaml\n  watchline view --config my-configs/towers-2km.yaml --port 8080 --open\n\nStop it with Ctrl-C.')
    .action(async (flags: ViewFlags) => {
      const target = await viewTarget(flags);
      const [{ startViewServer, PortInUseError }, { VIEWER_DIR }] = await Promise.all([import('../viewServer.ts'), import('../packageFiles.ts')]);
      let server;
      try {
        server = await startViewServer({
          viewerDir: VIEWER_DIR,
          folders: target.folders,
          port: flags.port ?? DEFAULT_VIEW_PORT,
          // An explicit --port is a promise to the user: no silent move to another one.
          portTries: flags.port === undefined ? 20 : 0,
        });
      } catch (e) {
        if (e instanceof PortInUseError) {
          const { InputError } = await import('../../config/errors.ts');
          throw InputError.of({ file: '--port', path: '', message: e.message, allowed: 'a free port, or no --port (the first free one from 4173 up)' });
        }
        throw e;
      }
      const url = `${server.url}${target.query}`;
      process.stdout.write(`Watchline viewer: ${url}\n`);
      process.stderr.write(`view: serving scenes/ from ${target.folders.scenes} and sim-configs/ from ${target.folders['sim-configs']}; Ctrl-C to stop\n`);
      if (flags.open) {
        const { default: open } = await import('open');
        // A missing browser is not the server's failure: the URL above still works.
        await open(url).catch((e: unknown) => process.stderr.write(`view: could not open a browser (${e instanceof Error ? e.message : String(e)}); open the URL above\n`));
      }
      // Ctrl-C or SIGTERM is the normal end of a viewing session: close and exit 0.
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await server.close();
      process.stderr.write('view: stopped\n');
    });
}

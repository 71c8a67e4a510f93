/**
 * Files of the installed package that the CLI reads at run time. Paths are taken relative to this
 * module, which lies two folders below the package root both as source (src/cli/) and compiled
 * (dist/cli/, where scripts/build.mjs puts every chunk), so they hold in a clone and in an install.
 */
import { fileURLToPath } from 'node:url';

/** The package's root folder (where package.json is). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The built viewer (`vite build`, run by `npm run build`): index.html and its assets. */
export const VIEWER_DIR = fileURLToPath(new URL('../../dist/viewer/', import.meta.url));

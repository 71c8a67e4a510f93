/**
 * The server behind `watchline view`: the built viewer (a static folder, served by sirv) and the
 * user's scenario files through the dev server's own middleware (src/viewer/vite/scenarioFiles.ts),
 * so the page sees the same `scenes/…` and `sim-configs/…` paths and the same file rules as in
 * development: only YAML/JSON scenes and configs and the scene's data files, by relative paths inside
 * the served folders; nothing else from the disk. Listens on 127.0.0.1 only.
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import sirv from 'sirv';
import { scenarioMiddleware, type ScenarioFolders } from '../viewer/vite/scenarioFiles.ts';

export const VIEW_HOST = '127.0.0.1';

export interface ViewServerOptions {
  /** The built viewer folder (index.html and assets/). */
  viewerDir: string;
  /** The disk folders served as scenes/ and sim-configs/. */
  folders: ScenarioFolders;
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Try the next ports when `port` is taken (up to this many more); 0: fail at once. */
  portTries?: number;
}

export interface ViewServer {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Thrown when no port could be bound: the message names the port(s) tried. */
export class PortInUseError extends Error {}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(e);
    };
    const onListening = () => {
      server.off('error', onError);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, VIEW_HOST);
  });
}

/** Starts the server; resolves once it listens. */
export async function startViewServer(opts: ViewServerOptions): Promise<ViewServer> {
  if (!existsSync(path.join(opts.viewerDir, 'index.html'))) {
    throw new Error(`the viewer is not built (no ${path.join(opts.viewerDir, 'index.html')}); in a clone, run \`npm run build\``);
  }
  // Hashed asset names change with every build, so the assets may be cached; index.html may not.
  const statics = sirv(opts.viewerDir, {
    etag: true,
    setHeaders: (res, pathname) => res.setHeader('Cache-Control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  const scenarios = scenarioMiddleware(opts.folders);
  const notFound = (res: ServerResponse) => {
    res.statusCode = 404;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end('not found');
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const fail = (err?: unknown) => {
      if (err && !res.headersSent) {
        res.statusCode = 500;
        res.end('internal error');
      }
    };
    void scenarios(req, res, (err) => (err ? fail(err) : statics(req, res, () => notFound(res)))).catch(fail);
  });
  const tries = opts.portTries ?? 0;
  let port = opts.port;
  for (let k = 0; ; k++) {
    try {
      port = await listen(server, opts.port === 0 ? 0 : opts.port + k);
      break;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' || opts.port === 0 || k >= tries) {
        if (code === 'EADDRINUSE') {
          throw new PortInUseError(tries > 0 ? `ports ${opts.port}–${opts.port + tries} on ${VIEW_HOST} are all in use` : `port ${opts.port} on ${VIEW_HOST} is in use`);
        }
        throw e;
      }
    }
  }
  return {
    url: `http://${VIEW_HOST}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive connections of an open page would otherwise hold close() until they time out.
        server.closeAllConnections();
      }),
  };
}

// Types of scripts/build.mjs for the TypeScript that imports it (the tests' global setup, the bench).
export declare const ROOT: string;
export declare const CLI_DIR: string;
export declare const VIEWER_DIR: string;
export declare const CLI_ENTRIES: Record<string, string>;
/** Bundles the CLI and workers into dist/cli/; resolves with the file names written or kept. */
export declare function buildCli(): Promise<string[]>;
/** Builds the viewer into dist/viewer/. */
export declare function buildViewer(): Promise<void>;

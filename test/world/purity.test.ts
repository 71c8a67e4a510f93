import { describePure } from '../purity.ts';

// The world builder runs in Node and in the viewer's Web Workers: no I/O of its own (readers are
// injected), and nothing from the layers above it.
describePure('src/world', 1, [[/from\s+['"]\.\.\/(batch|cli|viewer)\//, 'the batch, CLI or viewer layers']]);

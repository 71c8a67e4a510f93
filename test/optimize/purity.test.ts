import { describePure } from '../purity.ts';

// src/optimize is pure like src/coverage (the purity rule, test/purity.ts): the CLI and batch layers call it, never the reverse.
describePure('src/optimize', 2, [[/from\s+['"]\.\.\/(batch|cli|config)\//, 'the batch, CLI or config layers']]);

import { describePure } from '../purity.ts';

// src/optimize is pure like src/coverage (STYLE.md §1): the CLI and batch layers call it, never the reverse.
describePure('src/optimize', 2, [[/from\s+['"]\.\.\/(batch|cli|config)\//, 'the batch, CLI or config layers']]);

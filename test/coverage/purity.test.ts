import { describePure } from '../purity.ts';

// src/coverage is pure like src/core (the purity rule, test/purity.ts), and below the shells: the viewer's workers run it unchanged.
describePure('src/coverage', 4, [[/from\s+['"]\.\.\/(batch|cli|config)\//, 'the batch, CLI or config layers']]);

// Imported first by main.ts: zod otherwise probes `new Function("")` to decide whether to compile
// parsers, which the panel's CSP (no 'unsafe-eval') reports as a violation.
import * as z from 'zod/mini';

z.config({ jitless: true });

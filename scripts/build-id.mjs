#!/usr/bin/env node
// After `tsc`: write dist/build-id.txt, the fingerprint of the compiled code and the pinned
// dependencies that keys the result cache (src/pipeline/cache.ts), so a scan need not hash
// the code at start-up. The same code gives the same id; any change gives another.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeBuildId } from '../dist/pipeline/cache.js';

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
writeFileSync(path.join(dist, 'build-id.txt'), `${computeBuildId(dist)}\n`);

#!/usr/bin/env node
// The server runs from its TypeScript sources through tsx, with the widget package's shared rules
// resolved to their sources too (see server/tsconfig.json), so there is no build step to forget.
// `self-schedule-server hash-password` prints the hash of a password read from stdin instead.
import { register } from 'tsx/esm/api';

register({ tsconfig: new URL('../tsconfig.json', import.meta.url).pathname });
await import(process.argv[2] === 'hash-password' ? '../src/hash-password.ts' : '../src/main.ts');

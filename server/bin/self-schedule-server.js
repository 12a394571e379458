#!/usr/bin/env node
// The server runs from its TypeScript sources through tsx, with the widget package's shared rules
// resolved to their sources too (see server/tsconfig.json), so there is no build step to forget.
import { register } from 'tsx/esm/api';

register({ tsconfig: new URL('../tsconfig.json', import.meta.url).pathname });
await import('../src/main.ts');

#!/usr/bin/env node
// The `tabula` command. The code base is TypeScript run through tsx, so there is no build step to forget.
import { register } from 'tsx/esm/api';

register();
await import('../core/cli/main.ts');

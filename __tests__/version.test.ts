import { readFileSync } from 'node:fs';
import { TOOL_VERSION } from '../src/version.js';

it('reports the version package.json declares', () => {
  expect(TOOL_VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
});

// npm run docs:rules: rewrites the rules table in README.md (between the rules:start/rules:end markers) from the
// rule registry, so the table cannot drift from the code. test/readme.test.ts fails when it is out of date.
import { readFileSync, writeFileSync } from 'node:fs';

const { rules } = await import('../dist/src/rules/index.js');
const { rulesTable } = await import('../dist/src/rules/rules-table.js');
// the EVerest rules (validate --everest-config) follow the device-model rules, their target column says so
const { everestRules } = await import('../dist/src/everest/registry.js');
const all = [...rules, ...everestRules.map((r) => ({ ...r, targets: ['--everest-config'] }))];
const path = new URL('../README.md', import.meta.url);
const text = readFileSync(path, 'utf8');
const next = text.replace(/(<!-- rules:start -->\n)[\s\S]*?(<!-- rules:end -->)/, `$1${rulesTable(all)}$2`);
if (next === text && !text.includes('<!-- rules:start -->')) throw new Error('README.md has no <!-- rules:start --> marker');
writeFileSync(path, next);
console.log(`README.md: ${all.length} rules`);

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rules } from '../../src/rules/index.js';
import { check, component, variable } from './rule-harness.js';

// Each secret is wrong in a way some rule reports: length, type, list membership, spaces, case, JSON number
const SECRETS: [string, Record<string, unknown>, unknown][] = [
  ['BasicAuthPassword', { dataType: 'string', minLimit: 16, maxLimit: 40 }, 'tooShortSecret'],
  ['ApnPassword', { dataType: 'integer' }, 'NotANumberSecret'],
  ['VpnKey', { dataType: 'OptionList', valuesList: 'a,b' }, 'ListSecret'],
  ['VpnPassword', { dataType: 'MemberList', valuesList: 'a,b' }, 'a, SpacedSecret'],
  ['SimPin', { dataType: 'integer', minLimit: 0, maxLimit: 9999 }, 123456.0],
  ['PrivateKeyPassphrase', { dataType: 'dateTime' }, '2024-02-30T00:00:00Z'],
];

test('no rule echoes a password, key or PIN in a message, hint or related text', () => {
  const properties = Object.fromEntries(
    SECRETS.map(([name, characteristics, value]) => [
      name,
      variable(name, characteristics, [{ type: 'Actual', mutability: 'WriteOnly', value }]),
    ]),
  );
  const found = check({ 'standardized/SecurityCtrlr.json': component('SecurityCtrlr', properties) }, [...rules]);
  assert.ok(found.filter((d) => d.severity === 'error').length >= SECRETS.length, 'every secret is reported');
  const text = JSON.stringify(found);
  for (const secret of ['tooShortSecret', 'NotANumberSecret', 'ListSecret', 'SpacedSecret', '123456', '2024-02-30'])
    assert.ok(!text.includes(secret), `${secret} leaked: ${text}`);
});

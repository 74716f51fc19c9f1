import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadConfigTree } from '../../src/model/index.js';
import { rules, validateTree } from '../../src/rules/index.js';
import { writeConfig } from '../slots/slot-config.js';

const CROSS_FILE = new Set([
  'evse-topology',
  'legacy-blob',
  'password-length',
  'priority-values-list',
  'required-libocpp',
  'security-profile-downgrade',
  'security-profile-zero',
  'slot-count',
  'slot-incomplete',
  'slot-missing',
  'slot-password',
  'url-identity',
  'url-scheme',
]);
const mine = rules.filter((r) => CROSS_FILE.has(r.id));

const anyValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }),
);
const attribute = fc.oneof(
  fc.record({ type: fc.constantFrom('Actual', 'Target', 'MaxSet', 7), value: anyValue }, { requiredKeys: [] }),
  anyValue,
);
const variable = (name: string) =>
  fc.record(
    {
      variable_name: fc.oneof(fc.constant(name), anyValue),
      characteristics: fc.oneof(fc.record({ valuesList: anyValue, maxLimit: anyValue }, { requiredKeys: [] }), anyValue),
      attributes: fc.oneof(fc.array(attribute, { maxLength: 2 }), anyValue),
      default: anyValue,
    },
    { requiredKeys: ['variable_name'] },
  );
const properties = (names: string[]) =>
  fc.oneof(fc.record(Object.fromEntries(names.map((n) => [n, variable(n)])), { requiredKeys: [] }), anyValue);
const component = (name: string, names: string[], key: Record<string, fc.Arbitrary<unknown>> = {}) =>
  fc.record({ name: fc.constant(name), ...key, properties: properties(names) }, { requiredKeys: ['name'] });

test('the cross-file rules never throw, whatever shape the slot, priority, blob and EVSE files have', () => {
  fc.assert(
    fc.property(
      component('OCPPCommCtrlr', ['NetworkConfigurationPriority']),
      component(
        'NetworkConfiguration',
        [
          'OcppCsmsUrl',
          'SecurityProfile',
          'OcppInterface',
          'OcppTransport',
          'MessageTimeout',
          'Identity',
          'BasicAuthPassword',
          'ApnEnabled',
          'VpnEnabled',
          'OcppVersion',
        ],
        { instance: fc.oneof(fc.constantFrom('1', '2', '01', '-1'), anyValue) },
      ),
      component('SecurityCtrlr', ['Identity', 'BasicAuthPassword', 'SecurityProfile']),
      component('InternalCtrlr', ['NetworkConnectionProfiles', 'SupportedOcppVersions', 'AllowSecurityLevelZeroConnections']),
      component('EVSE', ['Available', 'Power'], { evse_id: fc.oneof(fc.integer({ min: -1, max: 3 }), anyValue) }),
      component('Connector', ['ConnectorType'], {
        evse_id: fc.integer({ min: 0, max: 3 }),
        connector_id: fc.oneof(fc.integer({ min: 0, max: 3 }), anyValue),
      }),
      (comm, slot, security, internal, evse, connector) => {
        const tree = loadConfigTree(
          writeConfig({ 'a.json': comm, 'b.json': slot, 'c.json': security, 'd.json': internal, 'e.json': evse, 'f.json': connector }),
        );
        const failed = validateTree(tree, { rules: mine }).filter((d) => /failed on this (tree|file)/.test(d.message));
        assert.deepEqual(failed, []);
      },
    ),
    { numRuns: 150 },
  );
});

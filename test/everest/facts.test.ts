import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtInFacts, factsFileText, factsFromSources } from '../../src/everest/facts.js';
import { needsReference, REFERENCE, ROOT } from '../support/paths.js';

test('src/everest/data/everest-facts.json is what npm run gen:everest makes from the reference', needsReference, () => {
  const fresh = factsFileText(factsFromSources(join(REFERENCE, 'everest')));
  const committed = readFileSync(join(ROOT, 'src/everest/data/everest-facts.json'), 'utf8');
  assert.ok(fresh === committed, 'src/everest/data/everest-facts.json is stale: run npm run gen:everest and review the diff');
});

test('the facts know the OCPP modules, their requirements and the config schema', () => {
  const facts = builtInFacts();
  assert.deepEqual(facts.modules.OCPP201.requires.evse_manager, { interface: 'evse_manager', min: 1, max: 128 });
  assert.equal(facts.modules.OCPPmulti.config.Mode.default, 'Only2');
  assert.equal(facts.modules.EvseManager.config.connector_id.default, undefined);
  assert.ok(facts.moduleKeys.includes('connections'));
  assert.equal(facts.settings.prefix, 'string');
});

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import type { ValidatorLookup } from './validation.js';

// OCPP 1.6 JSON schemas, as the ocpp-rpc package ships them (urn:<Action>.req / urn:<Action>.conf), compiled
// on first use of each action: a log of a dozen actions compiles a dozen schemas. `loadSchemas('1.6')` wraps
// this lookup the way it wraps the generated 2.x validators, so both map schema errors to CALLERROR codes alike.
export async function validators16(): Promise<ValidatorLookup> {
  const require = createRequire(import.meta.url);
  const list = JSON.parse(readFileSync(require.resolve('ocpp-rpc/lib/schemas/ocpp1_6.json'), 'utf8')) as { $id: string }[];
  const byId = new Map(list.map((s) => [s.$id, s]));
  const ajvModule = (await import('ajv')) as unknown as { default: { default?: unknown } };
  const formatsModule = (await import('ajv-formats')) as unknown as { default: { default?: unknown } };
  const Ajv = (ajvModule.default.default ?? ajvModule.default) as new (o: object) => { compile(s: object): ValidateFunction };
  const addFormats = (formatsModule.default.default ?? formatsModule.default) as (a: unknown, f: string[]) => void;
  const ajv = new Ajv({ strict: false, allErrors: false });
  addFormats(ajv, ['date-time', 'uri']);
  const compiled = new Map<string, ValidateFunction>();
  return (action, kind) => {
    const id = `urn:${action}.${kind === 'Request' ? 'req' : 'conf'}`;
    let v = compiled.get(id);
    if (!v) {
      const schema = byId.get(id);
      if (!schema) return undefined;
      // the $id would clash with a second compile of the same schema; each is compiled once anyway
      compiled.set(id, (v = ajv.compile({ ...schema, $id: undefined })));
    }
    return v;
  };
}

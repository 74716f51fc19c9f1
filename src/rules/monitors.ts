import { joinPointer } from '../model/index.js';
import { characteristics, variableName } from './data-types.js';
import { defineRule } from './rule.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
// MonitorEnum values OCPP 2.1 added; a 2.0.1 CSMS cannot read them
const ONLY_2_1 = new Set(['TargetDelta', 'TargetDeltaRelative']);

export default defineRule({
  id: 'monitors',
  severity: 'error',
  description: 'Monitors sit only on variables that support monitoring and have the values libocpp needs',
  check(ctx) {
    for (const component of ctx.tree.components)
      for (const variable of component.variables) {
        if (!('monitors' in variable.data)) continue;
        const file = component.source;
        const name = variableName(variable);
        const c = characteristics(variable);
        if (c.supportsMonitoring === false) {
          // libocpp throws for any "monitors" key here (even an empty list) and skips the whole component file
          ctx.report({
            file,
            pointer: joinPointer(variable.pointer, 'monitors'),
            atKey: true,
            message: `${name} has monitors but characteristics.supportsMonitoring is false; libocpp then skips the whole component`,
            hint: 'remove "monitors" or set supportsMonitoring to true',
          });
          continue;
        }
        const list = variable.data.monitors;
        if (!Array.isArray(list)) continue;
        const seen = new Map<string, number>();
        list.forEach((m, i) => {
          if (!isObject(m)) return;
          const pointer = joinPointer(variable.pointer, 'monitors', i);
          const { type, severity, value } = m;
          if (type === 'Delta' && !('reference_value' in m))
            // insert_variable_monitor throws: the database is not built and the station does not start
            ctx.report({
              file,
              pointer,
              message: `Delta monitor ${i} of ${name} has no reference_value; libocpp refuses to build the database`,
              hint: 'add "reference_value" with the value the delta is measured from',
            });
          if (type === 'Delta' && typeof value === 'number' && value < 0)
            ctx.report({
              file,
              pointer: `${pointer}/value`,
              message: `Delta monitor ${i} of ${name} has a negative value; OCPP N04.FR.14 rejects it`,
            });
          if ((type === 'Periodic' || type === 'PeriodicClockAligned') && typeof value === 'number' && value <= 0)
            ctx.report({
              file,
              pointer: `${pointer}/value`,
              message: `${type} monitor ${i} of ${name} has interval ${value}; it must be a positive number of seconds`,
            });
          if (
            (type === 'UpperThreshold' || type === 'LowerThreshold') &&
            typeof value === 'number' &&
            (c.dataType === 'integer' || c.dataType === 'decimal')
          ) {
            if ((c.minLimit !== undefined && value < c.minLimit) || (c.maxLimit !== undefined && value > c.maxLimit))
              ctx.report({
                file,
                pointer: `${pointer}/value`,
                message: `${type} monitor ${i} of ${name} is ${value}, outside the variable's limits ${c.minLimit ?? '-∞'}..${c.maxLimit ?? '∞'}; libocpp rejects such a monitor`,
              });
          }
          if (typeof type === 'string' && ONLY_2_1.has(type))
            // libocpp's MONITOR table holds only the OCPP 2.0.1 types: the insert fails and init-db refuses
            ctx.report({
              file,
              pointer: `${pointer}/type`,
              message: `monitor type ${type} of ${name} exists only in OCPP 2.1 and has no row in libocpp's MONITOR table; libocpp refuses to build the database`,
              hint: 'use one of UpperThreshold, LowerThreshold, Delta, Periodic, PeriodicClockAligned',
            });
          if (typeof type === 'string' && typeof severity === 'number') {
            const id = `${type}/${severity}`;
            const first = seen.get(id);
            // OCPP 3.77 "Duplicate": libocpp identifies a monitor by type and severity when it updates the database
            if (first !== undefined)
              ctx.report({
                file,
                pointer,
                message: `monitors ${first} and ${i} of ${name} are both ${type} with severity ${severity}; libocpp treats them as one monitor`,
                related: [{ file, pointer: joinPointer(variable.pointer, 'monitors', first), message: 'the first monitor' }],
              });
            else seen.set(id, i);
          }
        });
      }
  },
});

import { defineEverestRule } from '../rule.js';
import { effective } from '../effective.js';

export default defineEverestRule({
  id: 'everest-composite-schedule',
  severity: 'warning',
  description: 'RequestCompositeScheduleUnit is A or W, and RequestCompositeScheduleDurationS is above CompositeScheduleIntervalS',
  check(ctx) {
    for (const m of ctx.ocpp) {
      const unit = effective(m, 'RequestCompositeScheduleUnit', ctx.facts);
      if (unit.from === 'yaml' && unit.value !== 'A' && unit.value !== 'W')
        ctx.report({
          at: { pointer: unit.pointer },
          message: `RequestCompositeScheduleUnit ${JSON.stringify(unit.value)} is neither "A" nor "W"; the module logs "RequestCompositeScheduleUnit configured incorrectly" and uses A`,
          hint: 'use "A" for AC and "W" for DC stations',
        });
      const duration = effective(m, 'RequestCompositeScheduleDurationS', ctx.facts);
      const interval = effective(m, 'CompositeScheduleIntervalS', ctx.facts);
      if (
        typeof duration.value === 'number' &&
        typeof interval.value === 'number' &&
        interval.value > 0 &&
        duration.value <= interval.value
      )
        ctx.report({
          at: { pointer: duration.from === 'yaml' ? duration.pointer : interval.pointer },
          message: `RequestCompositeScheduleDurationS (${duration.value}) is not above CompositeScheduleIntervalS (${interval.value}); each schedule ends before the next is requested, so limits lapse between updates`,
          hint: 'request schedules for longer than the publishing interval',
        });
    }
  },
});

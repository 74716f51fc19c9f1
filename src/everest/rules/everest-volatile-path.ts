import { defineEverestRule } from '../rule.js';
import { effective } from '../effective.js';

const KEYS = ['CoreDatabasePath', 'MessageLogPath'];

export default defineEverestRule({
  id: 'everest-volatile-path',
  severity: 'warning',
  description: 'CoreDatabasePath and MessageLogPath are not under /tmp, which a reboot empties',
  check(ctx) {
    for (const m of ctx.ocpp)
      for (const key of KEYS) {
        const v = effective(m, key, ctx.facts);
        if (typeof v.value !== 'string' || !(v.value === '/tmp' || v.value.startsWith('/tmp/'))) continue;
        ctx.report({
          at: { pointer: v.pointer, atKey: true },
          message: `${key} is ${JSON.stringify(v.value)}${v.from === 'default' ? ' (the manifest default)' : ''}; ${key === 'CoreDatabasePath' ? 'transactions, queued messages and the authorization cache are' : 'the OCPP message logs are'} lost on reboot`,
          hint: `set ${key} to a persistent folder such as /var/lib/everest/ocpp`,
        });
      }
  },
});

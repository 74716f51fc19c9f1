import { defineEverestRule } from '../rule.js';

export default defineEverestRule({
  id: 'everest-system-simulation',
  severity: 'info',
  description: "The OCPP module's system requirement goes to the simulation System module, which is not for production",
  check(ctx) {
    for (const ocpp of ctx.ocpp)
      for (const c of ocpp.connections.get('system') ?? [])
        if (ctx.config.modules.get(c.moduleId)?.type === 'System')
          ctx.report({
            at: { pointer: c.pointer },
            message: `${ocpp.id}.system is the System module (${c.moduleId}), which simulates firmware updates, log uploads and resets; a production station needs its own`,
          });
  },
});

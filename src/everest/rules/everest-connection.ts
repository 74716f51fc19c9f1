import { joinPointer } from '../../model/index.js';
import { defineEverestRule } from '../rule.js';

// The checks of ManagerConfig::resolve_all_requirements (lib/everest/framework/lib/config.cpp), in its order.
export default defineEverestRule({
  id: 'everest-connection',
  severity: 'error',
  description:
    'Every connection names a declared requirement, within its min/max count, to a loaded module that provides the implementation with the required interface',
  check(ctx) {
    for (const m of ctx.config.modules.values()) {
      const facts = ctx.facts.modules[m.type];
      if (!facts) continue;
      const cp = joinPointer(m.pointer, 'connections');
      for (const req of m.connections.keys())
        if (!facts.requires[req])
          ctx.report({
            at: { pointer: joinPointer(cp, req), atKey: true },
            message: `${m.type} has no requirement "${req}"; EVerest stops with "Configured connection for requirement id(s) [${req}] of ${m.id} not defined as requirement in manifest"`,
            hint: Object.keys(facts.requires).length
              ? `${m.type} requires ${Object.keys(facts.requires).join(', ')}`
              : `${m.type} requires nothing`,
          });
      for (const [req, r] of Object.entries(facts.requires)) {
        const conns = m.connections.get(req);
        if (!conns) {
          if (r.min >= 1)
            ctx.report({
              at: { pointer: m.connections.size ? cp : m.pointer, atKey: true },
              message: `${m.id} (${m.type}) does not connect "${req}" (${r.interface}); EVerest stops with "Requirement '${req}' of module ${m.id} not fulfilled: requirement id '${req}' not listed in connections!"`,
              hint: `connect ${req} to a module providing ${r.interface}`,
            });
          continue;
        }
        if (conns.length < r.min || conns.length > r.max)
          ctx.report({
            at: { pointer: joinPointer(cp, req), atKey: true },
            message: `${m.id}.${req} has ${conns.length} connection${conns.length === 1 ? '' : 's'}; EVerest stops with "requirement list does not have an entry count between ${r.min} and ${r.max}!"`,
          });
        for (const c of conns) {
          const target = ctx.config.modules.get(c.moduleId);
          if (!target) {
            ctx.report({
              at: { pointer: `${c.pointer}/module_id` },
              message: `${m.id}.${req} connects to ${c.moduleId}, which is not in active_modules; EVerest stops with "module id '${c.moduleId}' not loaded in config!"`,
            });
            continue;
          }
          const tf = ctx.facts.modules[target.type];
          if (!tf) continue;
          const impl = tf.provides[c.implementationId];
          if (!impl)
            ctx.report({
              at: { pointer: `${c.pointer}/implementation_id` },
              message: `${c.moduleId} (${target.type}) does not provide "${c.implementationId}"; EVerest stops with "required module ${c.moduleId} does not provide an implementation for '${c.implementationId}'!"`,
              hint: provided(tf.provides, r.interface, target.type),
            });
          else if (impl.interface !== r.interface)
            ctx.report({
              at: { pointer: `${c.pointer}/implementation_id` },
              message: `${m.id}.${req} needs interface ${r.interface} but ${c.moduleId}.${c.implementationId} provides ${impl.interface}; EVerest stops with "required interface '${r.interface}' is not provided by this implementation!"`,
              hint: provided(tf.provides, r.interface, target.type),
            });
        }
      }
    }
  },
});

function provided(provides: Record<string, { interface: string }>, iface: string, type: string) {
  const fit = Object.entries(provides)
    .filter(([, p]) => p.interface === iface)
    .map(([id]) => id);
  return fit.length ? `${type} provides ${iface} as ${fit.join(', ')}` : `${type} provides no ${iface}`;
}

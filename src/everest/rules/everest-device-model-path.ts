import { defineEverestRule } from '../rule.js';

export default defineEverestRule({
  id: 'everest-device-model-path',
  severity: 'error',
  description: "The OCPP module's DeviceModelConfigPath names a component_config folder that exists and holds standardized/",
  check(ctx) {
    const dm = ctx.deviceModel;
    if (!dm || dm.kind === 'found') return;
    const atKey = dm.pointer.endsWith('/DeviceModelConfigPath');
    if (dm.kind === 'unresolved') {
      ctx.report({
        at: { pointer: dm.pointer, atKey },
        severity: 'info',
        message: `DeviceModelConfigPath "${dm.written}" is relative to <prefix>/share/everest/modules/OCPP201/ and the prefix is unknown; the device model is not checked`,
        hint: 'pass --everest-prefix DIR (or name the component_config folder as DIR) to check it with the config',
      });
      return;
    }
    ctx.report({
      at: { pointer: dm.pointer, atKey },
      message: `DeviceModelConfigPath "${dm.written}" resolves to ${dm.dir}, which ${dm.why}; the OCPP module cannot initialise its device model and stops at start-up`,
      hint: 'point DeviceModelConfigPath at the component_config folder (holding standardized/ and custom/); a relative path is relative to share/everest/modules/OCPP201/ (for OCPPmulti too)',
    });
  },
});

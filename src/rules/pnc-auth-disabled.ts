import { defineRule } from './rule.js';
import { at, isFalse, pncRelated, pncSettings } from './pnc-settings.js';

// libocpp's Authorization::validate_token (lib/ocpp/v2/functional_blocks/authorization.cpp) reads
// get_optional_value<bool>(AuthCtrlrEnabled).value_or(false): no value, no variable or no component all read as false.
export default defineRule({
  id: 'pnc-auth-disabled',
  severity: 'error',
  description: 'With Plug&Charge on, AuthCtrlr.Enabled is true (false or unset, libocpp accepts every contract without validating it)',
  check(ctx) {
    const s = pncSettings(ctx.tree);
    if (!s?.pncOn) return;
    const effect =
      'libocpp then answers every authorization, contract certificates included, with Accepted without validating the contract or asking the CSMS';
    if (!s.auth) {
      // no AuthCtrlr file to point into: the finding sits on the file that turns Plug&Charge on
      ctx.report({
        file: s.iso.source,
        pointer: '',
        message: `there is no AuthCtrlr component, so AuthCtrlr.Enabled is unset while PnCEnabled is true; libocpp reads an unset Enabled as false: ${effect}`,
        hint: 'add standardized/AuthCtrlr.json with Enabled true (as EVerest ships it)',
        related: pncRelated(s),
      });
      return;
    }
    const enabled = s.authEnabled!;
    if (enabled.present && !isFalse(enabled)) return;
    const what = enabled.present
      ? 'AuthCtrlr.Enabled is false'
      : enabled.variable
        ? 'AuthCtrlr.Enabled has no value (no Actual value and no default)'
        : 'AuthCtrlr has no Enabled variable';
    ctx.report({
      ...at(enabled),
      message: enabled.present
        ? `${what} while PnCEnabled is true: ${effect}`
        : `${what}, so it is unset while PnCEnabled is true; libocpp reads an unset Enabled as false: ${effect}`,
      hint: enabled.variable ? 'set AuthCtrlr.Enabled to true' : 'add the Enabled variable to AuthCtrlr with the Actual value true',
      related: pncRelated(s),
    });
  },
});

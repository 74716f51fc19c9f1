import { componentsNamed, findComponent } from '../model/index.js';
import type { Component } from '../model/index.js';
import { storedValue } from '../model/slots/read.js';
import { defineRule } from './rule.js';
import type { RuleContext } from './rule.js';

// OCPP 2.0.1 Part 4 (identity in the connection URL): a-z, A-Z, 0-9 and * - _ = : + | @ . ; ':' is left out
// here because HTTP Basic authentication splits the user name at ':' (url-identity reports it for SecurityCtrlr)
const ALLOWED = /^[A-Za-z0-9*\-_=+|@.:]*$/;
// libocpp holds the identity in a CiString<48> (NetworkConnectionProfile.identity, SecurityCtrlr.Identity)
const MAX = 48;

function checkIdentity(ctx: RuleContext, component: Component, label: string, colonIsError: boolean) {
  const v = storedValue(component, 'Identity');
  if (!v.present || !v.value) return;
  const chars = [...v.value];
  const at = { file: v.file, pointer: v.pointer };
  if (chars.length > MAX)
    ctx.report({
      ...at,
      message: `${label} has ${chars.length} characters; libocpp and OCPP allow at most ${MAX}`,
      hint: `shorten it to ${MAX} characters`,
    });
  const bad = [...new Set(chars.filter((c) => !ALLOWED.test(c) || (colonIsError && c === ':')))];
  if (bad.length)
    ctx.report({
      ...at,
      message: `${label} contains ${bad.map((c) => JSON.stringify(c)).join(', ')}; OCPP allows only letters, digits and * - _ = + | @ . in the identity that ends the connection URL`,
      hint: 'choose an identity of letters, digits and * - _ = + | @ .',
    });
}

export default defineRule({
  id: 'identity-format',
  severity: 'error',
  description: 'Station identities (SecurityCtrlr.Identity, a slot Identity) use OCPP’s character set and at most 48 characters',
  check(ctx) {
    const security = findComponent(ctx.tree, 'SecurityCtrlr');
    if (security) checkIdentity(ctx, security, 'SecurityCtrlr.Identity', false);
    for (const slot of componentsNamed(ctx.tree, 'NetworkConfiguration'))
      checkIdentity(ctx, slot, `the Identity of slot ${slot.key.instance ?? '?'}`, true);
  },
});

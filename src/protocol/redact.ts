export const REDACTED = '«redacted»';

// Variables whose values are secrets (libocpp stores them WriteOnly): BasicAuthPassword, ApnPassword, VpnPassword, VpnKey, SimPin
const SECRET_VARIABLE = /password|^vpnkey$|^simpin$/i;
// Fields that carry secrets directly: SetNetworkProfile connectionData.basicAuthPassword, apn.apnPassword, vpn.password/key
const SECRET_FIELD = /password|^key$|^simPin$/i;

/** A copy of an OCPP payload with every secret replaced, for logs and reports. */
export function redactPayload(payload: unknown): unknown {
  if (Array.isArray(payload)) return payload.map(redactPayload);
  if (typeof payload !== 'object' || payload === null) return payload;
  const obj = payload as Record<string, unknown>;
  const variableName = (obj.variable as { name?: unknown } | undefined)?.name;
  const secretVariable = typeof variableName === 'string' && SECRET_VARIABLE.test(variableName);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'string' && (SECRET_FIELD.test(k) || (secretVariable && k === 'attributeValue'))) out[k] = REDACTED;
    else if (secretVariable && k === 'variableAttribute' && Array.isArray(v))
      out[k] = v.map((a) => (a && typeof a === 'object' && 'value' in a ? { ...a, value: REDACTED } : a));
    else out[k] = redactPayload(v);
  }
  return out;
}

import { redactJson } from '../diagnostics/redact.js';

/**
 * A copy of an OCPP payload with every secret masked, for frame logs (`connect --verbose`, the csms log): the
 * shared redaction layer, which knows secret variables (BasicAuthPassword, VpnKey, ...), secret fields
 * (SetNetworkProfile connectionData) and the legacy blob's passwords inside GetVariables/NotifyReport values.
 */
export function redactPayload(payload: unknown): unknown {
  return redactJson(payload);
}

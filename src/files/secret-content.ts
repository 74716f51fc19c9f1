// Variables whose values are secrets (libocpp stores them WriteOnly), and the legacy connection-profile blob,
// which holds the slots' passwords inside its value
const SECRET_VARIABLE = /password|^vpnkey$|^simpin$|^NetworkConnectionProfiles$/i;

const filled = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

/**
 * Whether the text of a component file holds a secret value, so that a new file is created readable by its
 * owner only (0600). Text that is not JSON counts as secret when it mentions a password at all.
 */
export function holdsSecret(text: string): boolean {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return /password|vpnkey/i.test(text);
  }
  const props = (doc as { properties?: unknown } | null)?.properties;
  if (!props || typeof props !== 'object') return false;
  for (const [key, variable] of Object.entries(props as Record<string, unknown>)) {
    if (!variable || typeof variable !== 'object') continue;
    const v = variable as { variable_name?: unknown; attributes?: unknown; default?: unknown };
    if (!SECRET_VARIABLE.test(key) && !(typeof v.variable_name === 'string' && SECRET_VARIABLE.test(v.variable_name))) continue;
    if (filled(v.default)) return true;
    const attrs = Array.isArray(v.attributes)
      ? v.attributes
      : v.attributes && typeof v.attributes === 'object'
        ? Object.values(v.attributes)
        : [];
    if (attrs.some((a) => a && typeof a === 'object' && filled((a as { value?: unknown }).value))) return true;
  }
  return false;
}

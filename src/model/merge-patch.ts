/**
 * JSON merge patch (RFC 7386/7396): how EVerest's manager applies a user-config overlay and how libocpp's
 * nlohmann::json merges a 1.6 user config over the main one. null removes a key; objects merge; anything else
 * replaces.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

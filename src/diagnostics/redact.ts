import { scanPointer } from '../model/json-scan.js';

// The one redaction layer: every report, plan, diff, explain text, frame log and csms log shows a secret only as
// its length. Two halves: structural (a value is masked because of where it sits: a secret variable, a secret
// field of the legacy blob or of an OCPP payload) and textual (known secret strings are masked wherever they
// turn up in finished text, raw or JSON-escaped once or twice, as in a blob inside a component file).

export interface SecretContext {
  /** Component name, e.g. "NetworkConfiguration" or "InternalCtrlr". */
  component?: string;
  /** Variable name, e.g. "BasicAuthPassword". */
  variable?: string;
  /** The attribute's mutability; libocpp never reads a WriteOnly value back, so neither do we. */
  mutability?: string;
}

// libocpp's WriteOnly slot and SecurityCtrlr variables (BasicAuthPassword, ApnPassword, VpnPassword, VpnKey,
// SimPin) and anything named like a password or a private key in a custom component
const SECRET_VARIABLE = /password|secret|passphrase|privatekey|(^|[a-z])key$|pin$/i;
// Fields of the legacy blob and of SetNetworkProfile's connectionData: basicAuthPassword, apn.apnPassword,
// apn.simPin, vpn.password, vpn.key
const SECRET_FIELD = /password|secret|passphrase|privatekey|^key$|pin$/i;

/** The legacy blob: a JSON text (an array of network connection profiles) inside a string variable. */
export const isLegacyBlob = (ctx: SecretContext) =>
  ctx.variable === 'NetworkConnectionProfiles' && (ctx.component === undefined || ctx.component === 'InternalCtrlr');

/** Whether a variable's values are secrets (by name, or because the attribute is WriteOnly). */
export function isSecretVariable(ctx: SecretContext): boolean {
  return (ctx.variable !== undefined && SECRET_VARIABLE.test(ctx.variable)) || ctx.mutability === 'WriteOnly';
}

/** Whether an object key holds a secret (blob fields, OCPP payload fields). */
export const isSecretField = (key: string) => SECRET_FIELD.test(key);

/** What is shown instead of a secret: its length, never its text. */
export function maskSecret(value: unknown): string {
  if (value === undefined || value === null) return '(secret, not set)';
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- JSON.stringify gives undefined only for functions and symbols, which String() spells
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return `(secret, ${[...text].length} characters)`;
}

/**
 * A variable's value as it may be printed: masked for a secret variable, the legacy blob with its secret
 * fields masked, anything else unchanged. undefined stays undefined.
 */
export function redactSecrets<T>(value: T, ctx: SecretContext): T | string {
  if (value === undefined || value === null) return value;
  if (isSecretVariable(ctx)) return maskSecret(value);
  if (isLegacyBlob(ctx) && typeof value === 'string') return redactBlob(value);
  return value;
}

/**
 * The legacy blob's JSON text with basicAuthPassword, apn.apnPassword, vpn.password, vpn.key ... masked,
 * re-serialised compactly. A text that is not JSON is masked whole: it may hold a password we cannot locate.
 */
export function redactBlob(text: string): string {
  if (text.trim() === '') return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return `(unparsable blob, ${[...text].length} characters, not shown)`;
  }
  return JSON.stringify(redactJson(parsed));
}

/**
 * A deep copy of a JSON value with every secret masked: secret fields, the value/attributeValue of an object
 * naming a secret variable (OCPP GetVariables/SetVariables/NotifyReport shapes and component files), and
 * legacy blobs held in strings.
 */
export function redactJson(value: unknown, ctx: SecretContext = {}): unknown {
  if (Array.isArray(value)) return value.map((v) => redactJson(v, ctx));
  if (typeof value === 'string') {
    if (isSecretVariable(ctx)) return maskSecret(value);
    return isLegacyBlob(ctx) || looksLikeBlob(value) ? redactBlobIfJson(value) : value;
  }
  if (typeof value !== 'object' || value === null) return isSecretVariable(ctx) && value !== null ? maskSecret(value) : value;
  const obj = value as Record<string, unknown>;
  const pair = isConfigurationPair(obj);
  const named = variableNameOf(obj);
  const inner: SecretContext =
    named !== undefined ? { component: componentNameOf(obj) ?? ctx.component, variable: named, mutability: ctx.mutability } : ctx;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (isSecretField(k) && v !== null && typeof v !== 'object' && !(pair && k === 'key')) out[k] = maskSecret(v);
    else if (VALUE_KEYS.has(k))
      out[k] = redactJson(v, { ...inner, mutability: obj.mutability === 'WriteOnly' ? 'WriteOnly' : inner.mutability });
    else if (k === 'properties' && v && typeof v === 'object' && !Array.isArray(v))
      // a component file: properties maps variable names to definitions; a WriteOnly attribute makes the default secret too
      out[k] = Object.fromEntries(
        Object.entries(v).map(([name, def]) => [
          name,
          redactJson(def, { component: componentNameOf(obj), variable: name, mutability: writeOnly(def) ? 'WriteOnly' : undefined }),
        ]),
      );
    else out[k] = redactJson(v, VALUE_CARRIERS.has(k) ? inner : {});
  }
  return out;
}

// keys that hold a variable's value in component files, the database export and OCPP messages
const VALUE_KEYS = new Set(['value', 'attributeValue', 'default', 'actualValue']);
// keys under which a variable's values sit one level down (attributes of a component file, OCPP variableAttribute)
const VALUE_CARRIERS = new Set(['attributes', 'variableAttribute', 'variable_attributes']);

const writeOnly = (def: unknown) =>
  Boolean(def) &&
  typeof def === 'object' &&
  Array.isArray((def as { attributes?: unknown }).attributes) &&
  (def as { attributes: unknown[] }).attributes.some(
    (a) => Boolean(a) && typeof a === 'object' && (a as { mutability?: unknown }).mutability === 'WriteOnly',
  );

// OCPP 1.6 names a configuration key as `{ key, value }` (ChangeConfiguration, GetConfiguration's answer): there
// "key" is the name, not a VPN key, and the value is secret when the name is (AuthorizationKey, ...). A VPN
// object of the legacy blob has a key but no value.
const isConfigurationPair = (obj: Record<string, unknown>) => typeof obj.key === 'string' && 'value' in obj;

function variableNameOf(obj: Record<string, unknown>): string | undefined {
  const v = obj.variable;
  if (v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string') return (v as { name: string }).name;
  if (typeof obj.variable_name === 'string') return obj.variable_name;
  if (typeof obj.variable === 'string') return obj.variable;
  if (isConfigurationPair(obj)) return obj.key as string;
  return undefined;
}

function componentNameOf(obj: Record<string, unknown>): string | undefined {
  const c = obj.component;
  if (c && typeof c === 'object' && typeof (c as { name?: unknown }).name === 'string') return (c as { name: string }).name;
  if (typeof c === 'string') return c;
  if (typeof obj.name === 'string') return obj.name;
  return undefined;
}

const looksLikeBlob = (s: string) => /^\s*[[{]/.test(s) && /password|"key"|pin"/i.test(s);

function redactBlobIfJson(s: string): string {
  try {
    return JSON.stringify(redactJson(JSON.parse(s)));
  } catch {
    return looksLikeBlob(s) ? `(unparsable blob, ${[...s].length} characters, not shown)` : s;
  }
}

/** One value redactJson changed: where it is (RFC 6901), what it was and what is shown instead. */
export interface MaskedValue {
  pointer: string;
  original: unknown;
  masked: unknown;
}

/** Every value of a JSON document that redactJson masks, with its pointer (a partly masked blob counts as one). */
export function maskedValues(value: unknown, ctx: SecretContext = {}): MaskedValue[] {
  const out: MaskedValue[] = [];
  walkChanges(value, redactJson(value, ctx), '', out);
  return out;
}

const segment = (s: string | number) => String(s).replace(/~/g, '~0').replace(/\//g, '~1');

function walkChanges(original: unknown, masked: unknown, pointer: string, out: MaskedValue[]) {
  if (original === masked) return;
  if (original !== null && typeof original === 'object' && masked !== null && typeof masked === 'object') {
    for (const [k, v] of Object.entries(original)) walkChanges(v, (masked as Record<string, unknown>)[k], `${pointer}/${segment(k)}`, out);
    return;
  }
  out.push({ pointer, original, masked });
}

/**
 * Every secret value in a parsed component file (or database export, OCPP payload): the values and defaults of
 * secret variables and the secret fields of legacy blobs. For textual redaction of diffs and logs.
 */
export function collectSecrets(value: unknown, out: Set<string> = new Set(), ctx: SecretContext = {}): Set<string> {
  for (const m of maskedValues(value, ctx)) {
    if (typeof m.original === 'string' && typeof m.masked === 'string' && !m.masked.startsWith('(')) {
      // a blob with masked fields: the secrets are the fields, not the whole text
      try {
        collectSecrets(JSON.parse(m.original), out);
        continue;
      } catch {
        /* not JSON after all: mask it whole */
      }
    }
    if (m.original !== null && typeof m.original === 'object') collectLeaves(m.original, out);
    else out.add(String(m.original));
  }
  return out;
}

function collectLeaves(v: unknown, out: Set<string>) {
  if (v === null || v === undefined) return;
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- v is not an object here: a primitive
  if (typeof v !== 'object') out.add(String(v));
  else for (const x of Object.values(v)) collectLeaves(x, out);
}

/**
 * A component file's text (or any JSON text) with every secret value masked in place, keeping the layout, so a
 * diff of two redacted texts shows only what changed. With `previous` (the other side of the diff), a secret
 * that changed but keeps its length says so: "(secret, 24 characters, changed)". A text that does not parse
 * gets the textual fallback.
 */
export function redactJsonSource(text: string, opts: { previous?: string } = {}): string {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return new SecretRedactor(secretsOfJsonText(text)).text(text);
  }
  let before: unknown;
  try {
    before = opts.previous === undefined ? undefined : JSON.parse(opts.previous);
  } catch {
    before = undefined;
  }
  const edits = maskedValues(doc).map((m) => {
    let shown = m.masked;
    if (before !== undefined && typeof shown === 'string' && shown.startsWith('(secret, ')) {
      const old = valueAt(before, m.pointer);
      if (old !== undefined && JSON.stringify(old) !== JSON.stringify(m.original) && maskSecret(old) === shown)
        shown = shown.replace(/\)$/, ', changed)');
    }
    return { span: scanPointer(text, m.pointer).value, text: JSON.stringify(shown) };
  });
  let out = text;
  for (const e of edits.sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.text + out.slice(e.span.end);
  return out;
}

function valueAt(doc: unknown, pointer: string): unknown {
  let at: unknown = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (at === null || typeof at !== 'object' || !(key in at)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/**
 * The secrets of a parsed component file, fast: only `properties` is walked (validate runs this on every file of
 * every tree that has a finding). Anything else goes through collectSecrets.
 */
export function secretsOfComponent(doc: unknown, out: Set<string> = new Set()): Set<string> {
  const props = doc !== null && typeof doc === 'object' ? (doc as { properties?: unknown }).properties : undefined;
  if (props === null || typeof props !== 'object' || Array.isArray(props)) return collectSecrets(doc, out);
  const component = typeof (doc as { name?: unknown }).name === 'string' ? (doc as { name: string }).name : undefined;
  for (const key in props) {
    const def = (props as Record<string, unknown>)[key];
    if (def === null || typeof def !== 'object') continue;
    const d = def as { variable_name?: unknown; attributes?: unknown; default?: unknown };
    const variable = typeof d.variable_name === 'string' ? d.variable_name : key;
    const secret = SECRET_VARIABLE.test(variable) || SECRET_VARIABLE.test(key) || writeOnly(def);
    if (!secret && !isLegacyBlob({ component, variable })) continue;
    const values: unknown[] = 'default' in d ? [d.default] : [];
    if (Array.isArray(d.attributes))
      for (const a of d.attributes) if (a !== null && typeof a === 'object' && 'value' in a) values.push((a as { value: unknown }).value);
    for (const v of values) {
      if (v === null || v === undefined) continue;
      if (!secret) {
        if (typeof v === 'string' && v.trim() !== '') secretsOfBlob(v, out);
      } else if (typeof v === 'object') collectLeaves(v, out);
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- v is neither an object nor null here: a primitive
      else out.add(String(v));
    }
  }
  return out;
}

function secretsOfBlob(text: string, out: Set<string>) {
  try {
    collectSecrets(JSON.parse(text), out);
  } catch {
    secretsOfBrokenText(text, out);
  }
}

// A text that does not parse: the string after a secret-like key, and the value/default strings of a secret
// variable's block or of a WriteOnly attribute, as written (escapes kept; the redactor also tries them escaped)
function secretsOfBrokenText(text: string, out: Set<string>) {
  const STR = '"((?:[^"\\\\]|\\\\.)*)"';
  for (const m of text.matchAll(new RegExp(`(?:password|key|pin|secret)\\\\*"\\s*:\\s*\\\\*${STR}`, 'gi'))) out.add(unescape(m[1]));
  for (const m of text.matchAll(/"[A-Za-z]*(?:Password|Key|Pin|Secret|Passphrase)[A-Za-z]*"\s*:\s*\{/g)) {
    const end = text.indexOf('"variable_name"', m.index + m[0].length + 20);
    const block = text.slice(m.index, end === -1 ? m.index + 4000 : end);
    for (const v of block.matchAll(new RegExp(`"(?:value|default)"\\s*:\\s*${STR}`, 'g'))) out.add(unescape(v[1]));
  }
  for (const a of text.matchAll(/\{[^{}]*"mutability"\s*:\s*"WriteOnly"[^{}]*\}?/g))
    for (const v of a[0].matchAll(new RegExp(`"value"\\s*:\\s*${STR}`, 'g'))) out.add(unescape(v[1]));
}

function unescape(jsonInner: string): string {
  try {
    return JSON.parse(`"${jsonInner}"`) as string;
  } catch {
    return jsonInner;
  }
}

/** The secrets of a component file's text; a text that does not parse is searched as written. */
export function secretsOfJsonText(text: string, out: Set<string> = new Set()): Set<string> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    secretsOfBrokenText(text, out);
    return out;
  }
  return secretsOfComponent(doc, out);
}

// shorter values ("1", "true", "AUTO") also occur in ordinary text; structural redaction covers those
const MIN_TEXTUAL = 6;

/**
 * Masks known secret strings wherever they occur in finished text: as written, and JSON-escaped once (a value
 * in a component file) or twice (a field of the legacy blob, which is a JSON text inside a JSON string).
 */
export class SecretRedactor {
  private forms: [string, string][] = [];

  constructor(secrets: Iterable<string> = []) {
    this.add(secrets);
  }

  add(secrets: Iterable<string>): this {
    for (const s of secrets) {
      if ([...s].length < MIN_TEXTUAL) continue;
      const mask = maskSecret(s);
      const once = JSON.stringify(s).slice(1, -1);
      const twice = JSON.stringify(once).slice(1, -1);
      for (const f of new Set([s, once, twice])) if (!this.forms.some(([x]) => x === f)) this.forms.push([f, mask]);
    }
    // longest first: a secret inside another must not break the outer match
    this.forms.sort((a, b) => b[0].length - a[0].length);
    return this;
  }

  get size(): number {
    return this.forms.length;
  }

  text(text: string): string {
    let out = text;
    for (const [form, mask] of this.forms) if (out.includes(form)) out = out.split(form).join(mask);
    return out;
  }
}

/** Shorthand: `text` with the secrets of the given component-file texts masked. */
export function redactJsonText(text: string, sources: readonly string[]): string {
  const secrets = new Set<string>();
  for (const s of sources) secretsOfJsonText(s, secrets);
  return new SecretRedactor(secrets).text(text);
}

/**
 * The safety net under the rules: every secret held by the checked files (parsed, or as written when a file does
 * not parse) is masked in the diagnostics' messages, hints and related messages. Rules already word findings
 * about secrets by length; this catches a value quoted by a rule that does not know it is secret (a custom
 * WriteOnly variable, a blob field quoted by a syntax message).
 */
export function redactDiagnostics<D extends { message: string; hint?: string; related?: { message: string }[] }>(
  diagnostics: D[],
  files: readonly { text: string; json?: unknown }[],
): D[] {
  if (diagnostics.length === 0) return diagnostics;
  const secrets = new Set<string>();
  for (const f of files)
    if (f.json !== undefined) secretsOfComponent(f.json, secrets);
    else secretsOfJsonText(f.text, secrets);
  const r = new SecretRedactor(secrets);
  if (r.size === 0) return diagnostics;
  return diagnostics.map((d) => {
    const message = r.text(d.message);
    const hint = d.hint === undefined ? undefined : r.text(d.hint);
    const related = d.related?.map((x) => ({ ...x, message: r.text(x.message) }));
    if (message === d.message && hint === d.hint && related?.every((x, i) => x.message === d.related![i].message) !== false) return d;
    return { ...d, message, ...(hint !== undefined ? { hint } : {}), ...(related ? { related } : {}) };
  });
}

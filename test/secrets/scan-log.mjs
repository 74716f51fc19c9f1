// CI: `node test/secrets/scan-log.mjs <log>` fails when the output of the whole test suite contains a password
// or private key written in any fixture (BasicAuthPassword values and defaults, basicAuthPassword inside legacy
// blobs, PEM private keys) or planted by the secrets tests (test/secrets/planted-secrets.json). The per-command checks are in secrets.test.ts; this one also covers every other test.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const found = new Set();

function collect(value, inPassword = false) {
  if (typeof value === 'string') {
    if (inPassword) found.add(value);
    const t = value.trim();
    if (t.startsWith('[') || t.startsWith('{')) {
      try {
        collect(JSON.parse(t));
      } catch {
        /* an ordinary string */
      }
    }
  } else if (typeof value === 'number' && inPassword) found.add(String(value));
  else if (Array.isArray(value)) value.forEach((v) => collect(v, inPassword));
  else if (value && typeof value === 'object') {
    const secretVariable = value.variable_name === 'BasicAuthPassword';
    for (const [k, v] of Object.entries(value))
      collect(v, /password/i.test(k) || (secretVariable && (k === 'attributes' || k === 'default')) || (inPassword && k === 'value'));
  }
}

(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else {
      const text = readFileSync(path, 'utf8');
      for (const m of text.matchAll(/-----BEGIN [A-Z ]*PRIVATE KEY-----\s*([A-Za-z0-9+/=\s]+?)-----END/g))
        for (const line of m[1].split(/\s+/)) if (line.length >= 40) found.add(line);
      if (!name.endsWith('.json')) continue;
      try {
        collect(JSON.parse(text));
      } catch {
        for (const p of text.matchAll(/[Pp]assword\\?"\s*:\s*\\?"([^"\\]+)/g)) found.add(p[1]);
      }
    }
  }
})(join(root, 'fixtures'));

// the secrets the secrets tests plant in generated trees (slots, VPN/APN, blob fields, WriteOnly, --password-env)
const { '//': _, ...planted } = JSON.parse(readFileSync(join(root, 'test/secrets/planted-secrets.json'), 'utf8'));
for (const s of Object.values(planted)) {
  // as written, and JSON-escaped once (in a file) and twice (inside the legacy blob)
  const once = JSON.stringify(s).slice(1, -1);
  found.add(s).add(once).add(JSON.stringify(once).slice(1, -1));
}

// short values ("", "secret") also occur in ordinary words; the fixtures' real secrets are longer
const secrets = [...found].filter((s) => s.length >= 8);
const log = readFileSync(process.argv[2], 'utf8');
const leaked = secrets.filter((s) => log.includes(s));
console.log(`secret scan: ${secrets.length} fixture and planted secrets, ${log.length} characters of test output, ${leaked.length} found`);
for (const s of leaked) console.error(`  a fixture secret of ${s.length} characters (${s.slice(0, 3)}…) appears in the test output`);
process.exitCode = leaked.length ? 1 : 0;

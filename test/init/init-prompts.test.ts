import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pty from 'node-pty';
import { BIN } from '../support/paths.js';

// Drives the real prompts in a pseudo-terminal: each answer is typed once its question is on screen.
function session(args: string[], cwd: string, steps: { when: RegExp; type: string }[]): Promise<{ code: number; screen: string }> {
  return new Promise((resolve) => {
    const term = pty.spawn(process.execPath, [BIN, ...args], { cwd, cols: 100, rows: 30, env: { ...process.env, NO_COLOR: '1' } });
    let screen = '';
    let next = 0;
    term.onData((data) => {
      screen += data;
      while (next < steps.length && steps[next].when.test(screen)) {
        term.write(steps[next].type);
        screen += '\u0000'; // later questions must appear after this point
        steps[next].when = /$^/;
        next++;
      }
    });
    term.onExit(({ exitCode }) => resolve({ code: exitCode, screen }));
  });
}

test('on a terminal init asks for what the flags leave out and writes the tree', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'ocppctl-init-pty-'));
  try {
    const down = '\u001b[B';
    const r = await session(['init', 'cfg', '--evses', '2'], cwd, [
      { when: /OCPP release/, type: `${down}\r` },
      { when: /Connectors per EVSE/, type: '2\r' },
      { when: /Charging current/, type: `${down}\r` },
    ]);
    assert.equal(r.code, 0, r.screen);
    assert.match(r.screen, /wrote \d+ component files to cfg \(OCPP 2\.1, 2 EVSE × 2 connector, DC/);
    assert.equal(readdirSync(join(cwd, 'cfg/custom')).filter((f) => f.startsWith('Connector_')).length, 4);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});

test('Ctrl+C at a prompt cancels with exit 130 and writes nothing', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'ocppctl-init-pty-'));
  try {
    const r = await session(['init', 'cfg'], cwd, [{ when: /OCPP release/, type: '\u0003' }]);
    assert.equal(r.code, 130, r.screen);
    assert.deepEqual(readdirSync(cwd), []);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});

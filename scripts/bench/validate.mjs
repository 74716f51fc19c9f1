// npm run bench validate: whole-process wall time of `ocppctl validate` on the shipped config and on EVerest's
// reference config, against `node -e 0` measured in the same rounds (the floor: Node's own start-up on this
// machine). Targets: no more than 50 ms above the floor; 60 ms with an EVerest config (issue 14).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { floorTable, timeAgainstFloor } from './lib/whole-process.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RUNS = Number(process.env.RUNS ?? 20);
const everest = '../shared/reference/everest-component-config';
// exit 1 is "findings", a normal outcome for the reference config under some targets
const ok = (status) => status === 0 || status === 1;

const cases = [
  { name: 'validate component_config', args: () => ['bin/ocppctl', 'validate', 'component_config'], ok },
  { name: 'validate component_config --format json', args: () => ['bin/ocppctl', 'validate', 'component_config', '--format', 'json'], ok },
  { name: 'ocppctl --version', args: () => ['bin/ocppctl', '--version'] },
];
if (existsSync(ROOT + everest)) cases.push({ name: `validate ${everest}`, args: () => ['bin/ocppctl', 'validate', everest], ok });
// issue 14: EVerest's SIL config with its component config, whole process, target +60 ms
const sil = '../shared/reference/everest/config/config-sil-ocpp201.yaml';
if (existsSync(ROOT + sil) && existsSync(ROOT + everest))
  cases.push({
    name: 'validate EVerest component config --everest-config config-sil-ocpp201.yaml',
    args: () => ['bin/ocppctl', 'validate', everest, '--everest-config', sil],
    ok,
    target: 60,
  });

const rows = timeAgainstFloor(cases, { runs: RUNS, cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
console.log(`${RUNS} rounds; Node ${process.version}\n`);
console.log(floorTable(rows, 50));

import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import validate from './validate.js';
import addSlot from './add-slot.js';
import setSlot from './set-slot.js';
import slots from './slots.js';
import removeSlot from './remove-slot.js';
import setPriority from './set-priority.js';
import migrate from './migrate.js';
import recover from './recover.js';
import csms from './csms.js';
import connect from './connect.js';
import explain from './explain.js';
import init from './init.js';
import initDb from './init-db.js';
import db from './db.js';
import everest from './everest.js';
import completion from './completion.js';
import log from './log.js';
import pnc from './pnc.js';

type Register = (program: Command, ctx: CliContext) => void;

// One line per command, in the order `ocppctl --help` lists them; the name is the one the command registers,
// so that a run can register just the command it needs (test/cli/cli.test.ts checks the two agree).
export const commands: readonly (readonly [name: string, register: Register])[] = [
  ['validate', validate],
  ['slots', slots],
  ['add-slot', addSlot],
  ['set-slot', setSlot],
  ['remove-slot', removeSlot],
  ['set-priority', setPriority],
  ['migrate', migrate],
  ['recover', recover],
  ['connect', connect],
  ['csms', csms],
  ['log', log],
  ['explain', explain],
  ['init', init],
  ['init-db', initDb],
  ['db', db],
  ['everest', everest],
  ['pnc', pnc],
  ['completion', completion],
];

import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import validate from './validate.js';
import addSlot from './add-slot.js';
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
import completion from './completion.js';

// One line per command, in the order `ocppctl --help` lists them.
export const commands: ((program: Command, ctx: CliContext) => void)[] = [validate, slots, addSlot, removeSlot, setPriority, migrate, recover, connect, csms, explain, init, initDb, db, completion];

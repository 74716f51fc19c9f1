import { bashScript } from './bash.js';
import { fishScript } from './fish.js';
import type { ProgramSpec, Shell } from './spec.js';
import { zshScript } from './zsh.js';

export { SHELLS, commandPaths } from './spec.js';
export type { CommandSpec, OptionSpec, ProgramSpec, Shell, ValueSpec } from './spec.js';
export { catalogNames } from './catalog-names.js';

const SCRIPTS: Record<Shell, (spec: ProgramSpec) => string> = { bash: bashScript, zsh: zshScript, fish: fishScript };

export const completionScript = (shell: Shell, spec: ProgramSpec): string => SCRIPTS[shell](spec);

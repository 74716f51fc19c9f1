import inquirer from 'inquirer';
import { INTERFACES, SECURITY_PROFILES, urlProblem, passwordProblem } from '../slots/slot-input.js';

// Flags come first; these prompts only ask, on a terminal, for what the flags left out.

export async function askSecurityProfile(defaultValue = 1): Promise<number> {
  const { profile } = await inquirer.prompt<{ profile: number }>([
    {
      type: 'select',
      name: 'profile',
      message: 'Security profile',
      choices: SECURITY_PROFILES.map((p) => ({ name: p.name, value: p.value, description: p.description })),
      default: defaultValue,
    },
  ]);
  return profile;
}

/** `defaultValue` (set-slot: the slot's URL when it fits the profile) is taken by pressing Enter. */
export async function askUrl(profile: number, defaultValue?: string): Promise<string> {
  const { url } = await inquirer.prompt<{ url: string }>([
    {
      type: 'input',
      name: 'url',
      message: `CSMS URL (${profile >= 2 ? 'wss' : 'ws'}://host[:port]/path, without the station identity)`,
      default: defaultValue,
      // shown while typing, so a wrong scheme is visible before Enter
      // inquirer 12 passes (value, { isFinal }); older prompt adapters passed (value, answers, { isFinal })
      transformer: (value: string, ...rest: unknown[]) => {
        const isFinal = rest.some((r) => typeof r === 'object' && r !== null && (r as { isFinal?: boolean }).isFinal === true);
        if (isFinal || value === '') return value;
        const problem = urlProblem(value, profile);
        return problem ? `${value}  ✗ ${problem}` : `${value}  ✓`;
      },
      validate: (value: string) => urlProblem(value.trim(), profile) ?? true,
      filter: (value: string) => value.trim(),
    },
  ]);
  return url;
}

export async function askInterface(defaultValue: string): Promise<string> {
  const { iface } = await inquirer.prompt<{ iface: string }>([
    {
      type: 'select',
      name: 'iface',
      message: 'Network interface',
      choices: INTERFACES.map((i) => ({ name: i, value: i })),
      default: defaultValue,
    },
  ]);
  return iface;
}

const EMPTY_PASSWORD = {
  fallback: 'empty: use SecurityCtrlr.BasicAuthPassword',
  keep: "empty: keep the slot's password",
  none: '16 to 64 characters; empty: none yet, it is provided at installation',
} as const;

/**
 * Masked. An empty answer is always allowed and means what `empty` says: use SecurityCtrlr.BasicAuthPassword,
 * keep the slot's password (set-slot), or none yet (validate accepts a slot whose password arrives at installation).
 */
export async function askPassword(empty: keyof typeof EMPTY_PASSWORD): Promise<string | undefined> {
  const { password } = await inquirer.prompt<{ password: string }>([
    {
      type: 'password',
      name: 'password',
      mask: '*',
      message: `Basic-auth password (${EMPTY_PASSWORD[empty]})`,
      validate: (value: string) => (value === '' ? true : (passwordProblem(value) ?? true)),
    },
  ]);
  return password === '' ? undefined : password;
}

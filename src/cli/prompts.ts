import inquirer from 'inquirer';
import { INTERFACES, SECURITY_PROFILES, urlProblem, passwordProblem } from '../slots/slot-input.js';

// Flags come first; these prompts only ask, on a terminal, for what the flags left out.

export async function askSecurityProfile(): Promise<number> {
  const { profile } = await inquirer.prompt<{ profile: number }>([
    {
      type: 'select',
      name: 'profile',
      message: 'Security profile',
      choices: SECURITY_PROFILES.map((p) => ({ name: p.name, value: p.value, description: p.description })),
      default: 1,
    },
  ]);
  return profile;
}

export async function askUrl(profile: number): Promise<string> {
  const { url } = await inquirer.prompt<{ url: string }>([
    {
      type: 'input',
      name: 'url',
      message: `CSMS URL (${profile >= 2 ? 'wss' : 'ws'}://host[:port]/path, without the station identity)`,
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
    { type: 'select', name: 'iface', message: 'Network interface', choices: INTERFACES.map((i) => ({ name: i, value: i })), default: defaultValue },
  ]);
  return iface;
}

/** Masked; an empty answer (allowed only when `fallback` is true) means "use SecurityCtrlr.BasicAuthPassword". */
export async function askPassword(fallback: boolean): Promise<string | undefined> {
  const { password } = await inquirer.prompt<{ password: string }>([
    {
      type: 'password',
      name: 'password',
      mask: '*',
      message: fallback ? 'Basic-auth password (empty: use SecurityCtrlr.BasicAuthPassword)' : 'Basic-auth password (16 to 64 characters)',
      validate: (value: string) => (value === '' && fallback ? true : passwordProblem(value) ?? true),
    },
  ]);
  return password === '' ? undefined : password;
}

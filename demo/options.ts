/** Command-line and environment options shared by the demo's entry points. */
import { type Convention, ALL_CONVENTIONS } from './exposition';

export const DEFAULT_SEED = 42;

/** `--name value` or `--name=value`, falling back to the environment variable, then the default. */
export function option(argv: string[], name: string, envName: string, fallback: string): string {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}` && i + 1 < argv.length) {
      return argv[i + 1];
    }
    if (argv[i].startsWith(`--${name}=`)) {
      return argv[i].slice(name.length + 3);
    }
  }
  return process.env[envName] ?? fallback;
}

export function numberOption(argv: string[], name: string, envName: string, fallback: number): number {
  const raw = option(argv, name, envName, String(fallback));
  const value = Number(raw);
  if (!Number.isFinite(value)) {
    throw new Error(`--${name} (${envName}) must be a number, got "${raw}"`);
  }
  return value;
}

export function conventionsOption(argv: string[]): Convention[] {
  const raw = option(argv, 'conventions', 'DEMO_CONVENTIONS', ALL_CONVENTIONS.join(','));
  const names = raw.split(',').map((n) => n.trim()).filter(Boolean);
  const unknown = names.filter((n) => !ALL_CONVENTIONS.includes(n as Convention));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(`--conventions must list some of ${ALL_CONVENTIONS.join(', ')}; got "${raw}"`);
  }
  return names as Convention[];
}

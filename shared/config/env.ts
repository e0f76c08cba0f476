/**
 * Typed readers of environment variables. Each variable of the service is read by exactly one
 * reader in this folder (one file per concern), which fails fast naming the variable that is
 * wrong; the functions call them at cold start through `process-deps.ts`, and the local runtime
 * passes values in rather than reading variables of its own. Nothing deeper in the domain reads
 * `process.env`.
 */
import { ConfigError } from '../errors.ts';

export type Env = Record<string, string | undefined>;

export function readString(env: Env, name: string, fallback?: string): string {
  const value = env[name];
  if (value === undefined || value === '') {
    if (fallback !== undefined) return fallback;
    throw new ConfigError(`${name} is required`);
  }
  return value;
}

export function readOptionalString(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

export function readNumber(
  env: Env,
  name: string,
  fallback: number,
  range?: { min?: number; max?: number },
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new ConfigError(`${name} must be a number, got "${raw}"`);
  if (range?.min !== undefined && value < range.min) throw new ConfigError(`${name} must be >= ${range.min}`);
  if (range?.max !== undefined && value > range.max) throw new ConfigError(`${name} must be <= ${range.max}`);
  return value;
}

export function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

/** Small display helpers shared by the pages. */
export const STATUSES = [
  'PENDING',
  'QUEUED',
  'RUNNING',
  'RETRYING',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
] as const;
export const PRIORITIES = ['high', 'medium', 'low'] as const;

export function pretty(value: unknown): string {
  return value === undefined ? '—' : JSON.stringify(value, null, 2);
}

export function when(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}

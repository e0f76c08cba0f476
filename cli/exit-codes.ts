/** The CLI's exit codes, for scripts. */
export const EXIT = {
  ok: 0,
  /** The task did not complete: FAILED or CANCELLED (with `--wait` and `watch`). */
  taskFailed: 1,
  /** Bad usage: unknown command or option, a missing argument, a value the CLI cannot parse. */
  usage: 2,
  /** The API answered with an error, could not be reached, or a wait timed out. */
  error: 3,
} as const;

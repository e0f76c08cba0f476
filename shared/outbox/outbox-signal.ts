/**
 * A process-local "new outbox rows" signal: the task service raises it after every insert, and a
 * relay loop in the same process cuts its idle wait short on it, as pg-boss pairs its polling with
 * a NOTIFY. It matters where the API and the relay share a process (the local runtime): a task
 * submitted there is published at once instead of after up to one idle wait. In AWS the API and
 * the relay are separate Lambda functions, the signal reaches no relay, and the relay's schedule
 * and idle wait alone pace it. Nothing depends on the signal for correctness: the outbox row is
 * there either way.
 */
type Listener = () => void;

const listeners = new Set<Listener>();

/** Called after new outbox rows are committed. Cheap when nobody listens. */
export function signalOutboxRows(): void {
  for (const listener of [...listeners]) listener();
}

/** Registers `listener` until the returned function is called. */
export function onOutboxRows(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

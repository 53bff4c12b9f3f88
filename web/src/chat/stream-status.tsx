import type { AnswerSnapshot } from './answer-stream';

function label({ state, status, error }: AnswerSnapshot): string {
  switch (state) {
    case 'connecting':
      return 'Connecting…';
    case 'streaming':
      return 'Writing…';
    case 'reconnecting':
      return 'Connection lost, reconnecting…';
    case 'done':
      return status === 'CANCELLED' ? 'Stopped' : 'Done';
    case 'failed':
      return `Failed${error ? `: ${error}` : ''}`;
  }
}

/** Where the answer's stream stands, announced politely to screen readers. */
export function StreamStatus({ snapshot }: { snapshot: AnswerSnapshot }) {
  return (
    <p className={`stream-status stream-${snapshot.state}`} role="status" data-state={snapshot.state}>
      {label(snapshot)}
    </p>
  );
}

/** A polite live region: what just happened ("Saved"), said by screen readers without interrupting. */
export function StatusMessage({ text }: { text: string | null }) {
  return (
    <p className="status-message" role="status">
      {text}
    </p>
  );
}

import { useState, type FormEvent, type KeyboardEvent } from 'react';

interface ComposerProps {
  conversationId: string;
  /** While true (an answer is being written) the question cannot be sent. */
  busy: boolean;
  /** Sends the question; resolves true when it was stored. */
  onSend: (content: string) => Promise<boolean>;
}

const draftKey = (conversationId: string) => `nusa.draft.${conversationId}`;

/** The question box. Its draft survives a reload or a trip through the login page (sessionStorage). */
export function Composer({ conversationId, busy, onSend }: ComposerProps) {
  const [draft, setDraft] = useState(() => sessionStorage.getItem(draftKey(conversationId)) ?? '');
  const [sending, setSending] = useState(false);
  const change = (value: string) => {
    setDraft(value);
    sessionStorage.setItem(draftKey(conversationId), value);
  };
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const content = draft.trim();
    if (!content || busy || sending) return;
    setSending(true);
    const stored = await onSend(content);
    setSending(false);
    if (stored) change('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends, Shift+Enter starts a new line.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) void submit(event);
  };
  return (
    <form className="composer" onSubmit={(event) => void submit(event)}>
      <label htmlFor="question">Your question</label>
      <textarea id="question" rows={3} value={draft} onChange={(event) => change(event.target.value)} onKeyDown={onKeyDown} />
      <button type="submit" disabled={busy || sending || draft.trim() === ''}>
        {sending ? 'Sending…' : 'Send'}
      </button>
    </form>
  );
}

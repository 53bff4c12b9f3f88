import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../ui/error-message';
import { StatusMessage } from '../ui/status-message';
import { SAVE_REVIEWED_ANSWER } from './chat-documents';

interface ReviewEditorProps {
  /** A COMPLETE assistant message. */
  messageId: string;
  /** Its text, which the editor starts from. */
  answer: string;
}

/**
 * "Save as reviewed" for administrators: an inline editor prefilled with the answer; saving sends
 * the edited text only when it changed, so the message's own text (and its citations) are the default.
 */
export function ReviewEditor({ messageId, answer }: ReviewEditorProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(answer);
  const [saved, setSaved] = useState<string | null>(null);
  const [save, saving] = useMutation(SAVE_REVIEWED_ANSWER);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const edited = text.trim() !== answer.trim();
    try {
      const result = await save({ variables: { input: { messageId, ...(edited ? { answer: text.trim() } : {}) } } });
      if (!result.data) return;
      setSaved(`Saved as reviewed by ${result.data.saveReviewedAnswer.reviewedBy}. Close questions are now answered from it.`);
      setOpen(false);
    } catch {
      // Shown by ErrorMessage below.
    }
  };

  return (
    <div className="review-editor">
      {open ? (
        <form aria-label="Save as reviewed" onSubmit={(event) => void submit(event)}>
          <label htmlFor={`${id}-answer`}>Reviewed answer</label>
          <textarea id={`${id}-answer`} rows={6} required value={text} onChange={(event) => setText(event.target.value)} />
          <div className="actions">
            <button type="submit" disabled={saving.loading || text.trim() === ''}>
              {saving.loading ? 'Saving…' : 'Save'}
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setText(answer);
            setOpen(true);
          }}
        >
          Save as reviewed
        </button>
      )}
      <StatusMessage text={saved} />
      <ErrorMessage error={saving.error} />
    </div>
  );
}

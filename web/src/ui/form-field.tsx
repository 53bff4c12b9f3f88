import type { ReactNode } from 'react';

/** The ids that tie a control to its label, hint and error, for `aria-describedby`. */
export function describedBy(id: string, options: { hint?: boolean; error?: string | null }): string | undefined {
  const ids = [options.hint ? `${id}-hint` : null, options.error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

interface FormFieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
  children: ReactNode;
}

/**
 * A labelled control with its hint and its error below it; the error is an alert, so a screen
 * reader says it when it appears. The control itself sets `aria-describedby={describedBy(...)}`
 * and `aria-invalid`.
 */
export function FormField({ id, label, hint, error, children }: FormFieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="hint muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * A message about what just happened, at the bottom of the page, with an
 * optional action (Undo). It stays until dismissed or replaced: a keyboard
 * or screen-reader user needs time to reach the action.
 */
import { useEffect, useRef } from 'preact/hooks';

export interface ToastMessage {
  /** Changes with every new message, so the same text announced twice is announced again. */
  id: number;
  text: string;
  tone?: 'info' | 'error';
  action?: { label: string; run: () => void };
  /** Move the focus to the action (after the user's own action removed what had it). */
  focusAction?: boolean;
}

export interface ToastProps {
  message: ToastMessage | null;
  onDismiss: () => void;
}

export function Toast({ message, onDismiss }: ToastProps) {
  const actionButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (message?.focusAction) actionButton.current?.focus();
  }, [message]);

  return (
    <div class="toast-region" role="status" aria-live="polite" data-testid="toast-region">
      {message && (
        <div
          class={message.tone === 'error' ? 'toast error-tone' : 'toast'}
          key={message.id}
          data-testid="toast"
        >
          <span class="toast-text">{message.text}</span>
          {message.action && (
            <button
              type="button"
              ref={actionButton}
              class="button small toast-action"
              onClick={message.action.run}
            >
              {message.action.label}
            </button>
          )}
          <button
            type="button"
            class="toast-close"
            aria-label="Dismiss message"
            onClick={onDismiss}
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}

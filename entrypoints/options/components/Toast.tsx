/**
 * Messages about what just happened, stacked at the bottom of the page (newest last), each with
 * an optional action (Undo). A message stays until dismissed, until its action runs, or until it
 * is pushed out by newer ones ({@link MAX_TOASTS}); an error also goes when a later action
 * succeeds (it is stale then: "Nothing was imported" must not sit under "Saved 2 documents").
 * They stay that long because a keyboard or screen-reader user needs time to reach the action.
 * The stack sits under the dialogs' layer: it never covers a dialog's buttons.
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

/** How many messages stand at once; the oldest goes first. */
export const MAX_TOASTS = 3;

/** The stack after `message`: stale errors dropped by a success, at most {@link MAX_TOASTS}. */
export function pushToast(stack: readonly ToastMessage[], message: ToastMessage): ToastMessage[] {
  const kept = message.tone === 'error' ? stack : stack.filter(t => t.tone !== 'error');
  return [...kept, message].slice(-MAX_TOASTS);
}

export interface ToastProps {
  messages: readonly ToastMessage[];
  onDismiss: (id: number) => void;
}

export function Toasts({ messages, onDismiss }: ToastProps) {
  const actionButton = useRef<HTMLButtonElement>(null);
  const newest = messages[messages.length - 1];
  useEffect(() => {
    if (newest?.focusAction) actionButton.current?.focus();
  }, [newest]);

  return (
    <div class="toast-region" role="status" aria-live="polite" data-testid="toast-region">
      {messages.map(message => (
        <div
          class={message.tone === 'error' ? 'toast error-tone' : 'toast'}
          key={message.id}
          data-testid="toast"
          data-tone={message.tone ?? 'info'}
        >
          <span class="toast-text">{message.text}</span>
          {message.action && (
            <button
              type="button"
              ref={message === newest ? actionButton : undefined}
              class="button small toast-action"
              onClick={() => {
                onDismiss(message.id);
                message.action!.run();
              }}
            >
              {message.action.label}
            </button>
          )}
          <button
            type="button"
            class="toast-close"
            aria-label="Dismiss message"
            onClick={() => onDismiss(message.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

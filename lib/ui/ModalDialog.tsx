/**
 * A modal dialog: rendered over the page into `document.body`, the rest of
 * the page made `inert` while it is open, focus moved into it (to the
 * element marked `data-autofocus`, else the first control) and kept there
 * (Tab and Shift+Tab cycle), Escape closes it, and focus returns to where it
 * was when it closes. Props only.
 */
import type { ComponentChildren } from 'preact';
import { createPortal } from 'preact/compat';
import { useEffect, useId, useRef } from 'preact/hooks';

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  'summary',
  '[tabindex]',
]
  .map(s => `${s}:not([tabindex="-1"])`)
  .join(', ');

export interface ModalDialogProps {
  title: string;
  /** Escape, or a close button: the dialog asks its owner to close it. */
  onClose: () => void;
  children: ComponentChildren;
  /** `alertdialog` for a confirmation that interrupts (reset). */
  role?: 'dialog' | 'alertdialog';
  /** Id of the element that describes the dialog (its question, for an alert dialog). */
  describedBy?: string;
  /** Extra class on the dialog box (sizes). */
  class?: string;
  /** For tests. */
  testId?: string;
}

export function ModalDialog({
  title,
  onClose,
  children,
  role = 'dialog',
  describedBy,
  class: className,
  testId,
}: ModalDialogProps) {
  const box = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const dialog = box.current;
    if (!dialog) return;
    const opener = document.activeElement as HTMLElement | null;
    const host = dialog.closest('.vb-modal-layer');
    const madeInert: Element[] = [];
    for (const el of Array.from(document.body.children)) {
      if (el === host || el.hasAttribute('inert')) continue;
      el.setAttribute('inert', '');
      madeInert.push(el);
    }
    const first =
      dialog.querySelector<HTMLElement>('[data-autofocus]') ??
      dialog.querySelector<HTMLElement>(FOCUSABLE) ??
      dialog;
    first.focus();

    // Focus that lands outside (a click on the backdrop) comes back in.
    const keepFocus = (e: FocusEvent) => {
      if (e.target instanceof Node && !dialog.contains(e.target)) dialog.focus();
    };
    document.addEventListener('focusin', keepFocus);
    return () => {
      document.removeEventListener('focusin', keepFocus);
      for (const el of madeInert) el.removeAttribute('inert');
      if (opener && opener.isConnected) opener.focus();
    };
  }, []);

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      e.stopPropagation();
      e.preventDefault();
      close.current();
      return;
    }
    if (e.key !== 'Tab' || !box.current) return;
    const focusable = Array.from(box.current.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
      el => !el.closest('[hidden], [inert]'),
    );
    if (focusable.length === 0) {
      e.preventDefault();
      return;
    }
    const first = focusable[0]!;
    const last = focusable[focusable.length - 1]!;
    const current = document.activeElement;
    if (e.shiftKey && (current === first || current === box.current)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && current === last) {
      e.preventDefault();
      first.focus();
    }
  }

  return createPortal(
    <div class="vb-modal-layer">
      <div class="vb-modal-backdrop" aria-hidden="true" />
      <div
        ref={box}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        tabIndex={-1}
        class={className ? `vb-modal ${className}` : 'vb-modal'}
        onKeyDown={onKeyDown}
        data-testid={testId}
      >
        <h2 id={titleId} class="vb-modal-title">
          {title}
        </h2>
        {children}
      </div>
    </div>,
    document.body,
  );
}

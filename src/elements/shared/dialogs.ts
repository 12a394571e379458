/**
 * Opening and closing an element's own modal dialogs, and where focus goes when one closes: the
 * same for the Appointments tab's cancel confirmation, the Calendar tab's details, and the form
 * each opens.
 */

/**
 * Opens `dialog` as a modal when `open`, closes it when not. Call it only when what the dialog is
 * about changed, never on every update: a dialog closed by Escape must not reopen before its
 * `close` event has told the element.
 */
export function showModalWhile(dialog: HTMLDialogElement | null | undefined, open: boolean): void {
  if (open && dialog && !dialog.open) dialog.showModal();
  else if (!open && dialog?.open) dialog.close();
}

/**
 * Where focus goes when a dialog closes: to the appointment it ended on (one just cancelled, or
 * the one View My Appointments named), else back to what opened it, else to a fallback. A dialog
 * inside a shadow root would hand focus back to the host, and a closing dialog restores focus
 * without scrolling: so the target is focused here, and brought into view (WCAG 2.4.7, 2.4.11).
 */
export class FocusReturn {
  private opener?: HTMLElement;
  private endId?: string;

  /** `find` gives the element standing for an appointment, where it is shown. */
  constructor(private readonly find: (id: string) => HTMLElement | null | undefined) {}

  /** The dialog is opening from `opener`. */
  openedFrom(opener: HTMLElement | undefined): void {
    this.opener = opener;
  }

  /** Focus goes to the appointment `id` when the dialog closes. */
  endOn(id: string): void {
    this.endId = id;
  }

  /** The dialog closed without handing focus back (another dialog took it). */
  forget(): void {
    this.opener = undefined;
    this.endId = undefined;
  }

  /**
   * The dialog closed: focus moves, once `settled` (the host's update, say) has resolved where
   * given, to the target as it is then; `fallbackId`'s appointment where neither is there.
   */
  restore(fallbackId?: string, settled?: Promise<unknown>): void {
    const { opener, endId } = this;
    this.forget();
    const move = () => {
      const target =
        (endId ? this.find(endId) : undefined) ?? (opener?.isConnected ? opener : undefined) ?? (fallbackId ? this.find(fallbackId) : undefined);
      target?.focus();
      target?.scrollIntoView({ block: 'nearest' });
    };
    if (settled) void settled.then(move);
    else move();
  }
}

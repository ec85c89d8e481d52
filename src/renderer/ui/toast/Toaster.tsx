// Toasts: "Marked done · Undo", "Snoozed until 16:30 · Undo". sonner keeps
// the stack, timing and pausing on hover; the toast itself is Lull's own
// markup in Lull's tokens (toast.css). sonner's stylesheet comes in through
// styles.css: the page's CSP refuses the <style> element sonner would add,
// and the build leaves that out (electron.vite.config.ts).
import type { ReactNode } from 'react'
import { Toaster as SonnerToaster, toast } from 'sonner'

/** How long an undo toast stays: a little less than the undo window of a done (db/outbox.ts). */
export const undoToastMs = 6_000

export function Toaster() {
  return (
    <SonnerToaster
      position="bottom-center"
      visibleToasts={3}
      containerAriaLabel="Notices"
      toastOptions={{ unstyled: true, duration: undoToastMs }}
    />
  )
}

/**
 * A toast with one action (Undo). Shown again with the same id, it replaces
 * the one before. Answers the toast's id.
 */
export function showToast(options: {
  id: string
  message: ReactNode
  action?: { label: string; run(): void }
  testId?: string
  duration?: number
}): string {
  const { id, message, action } = options
  toast.custom(
    (toastId) => (
      <div className="toast" data-testid={options.testId}>
        <span className="toast-message">{message}</span>
        {action ? (
          <button
            type="button"
            className="toast-action"
            onClick={() => {
              toast.dismiss(toastId)
              action.run()
            }}
          >
            {action.label}
          </button>
        ) : null}
      </div>
    ),
    { id, duration: options.duration ?? undoToastMs },
  )
  return id
}

export function dismissToast(id: string) {
  toast.dismiss(id)
}

// "Marked done · Undo" after an item is marked done: undo puts it back and
// cancels the write to its source if that has not gone out yet. The offer
// stays until the next item is marked done or it is dismissed.

import { snippet } from '../../shared/display-text'
import { useServices } from '../app-context'
import { useUi } from '../store'
import { Field } from './MessageText'

export function UndoDone() {
  const { engine } = useServices()
  const lastDone = useUi((state) => state.lastDone)
  const offerUndo = useUi((state) => state.offerUndo)
  if (!lastDone) return null
  return (
    <div className="undo-done" role="status" data-testid="undo-done">
      <span>
        Marked done: <Field text={snippet(lastDone.title, 80, 1)} />
      </span>
      <button
        type="button"
        onClick={() => {
          offerUndo(null)
          void engine.undoDone(lastDone.itemId)
        }}
      >
        Undo
      </button>
      <button type="button" aria-label="Dismiss" onClick={() => offerUndo(null)}>
        ×
      </button>
    </div>
  )
}

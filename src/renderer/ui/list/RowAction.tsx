// A row's own button (View, Open, Snooze, Done): a plain button, out of the
// Tab order (the keys and the palette reach the same actions). Not React
// Aria's Button: inside a GridList row that one reads a context the row
// makes anew on every render, so every button of every row on screen would
// draw again each time the selection moves. A press here is the button's
// alone: it neither selects nor opens the row.
import { forwardRef, type ReactNode, type SyntheticEvent } from 'react'

const keepFromRow = (event: SyntheticEvent) => event.stopPropagation()

export const RowAction = forwardRef<
  HTMLButtonElement,
  {
    label: string
    onPress(element: HTMLButtonElement): void
    children: ReactNode
    'data-destination'?: string
  }
>(function RowAction({ label, onPress, children, ...data }, ref) {
  return (
    <button
      ref={ref}
      type="button"
      className="row-action"
      aria-label={label}
      tabIndex={-1}
      onPointerDown={keepFromRow}
      onMouseDown={keepFromRow}
      onPointerUp={keepFromRow}
      onMouseUp={keepFromRow}
      onKeyDown={keepFromRow}
      onClick={(event) => {
        event.stopPropagation()
        onPress(event.currentTarget)
      }}
      {...data}
    >
      {children}
    </button>
  )
})

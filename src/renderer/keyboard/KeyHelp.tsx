// "?": every key Lull knows, in a modal dialog that Escape or its button closes.
import { useEffect, useRef } from 'react'
import { useUi } from '../store'
import { keyHelp } from './keymap'

export function KeyHelp() {
  const isOpen = useUi((state) => state.isKeyHelpOpen)
  const setOpen = useUi((state) => state.setKeyHelpOpen)
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const element = dialog.current
    if (!element) return
    if (isOpen && !element.open) element.showModal()
    if (!isOpen && element.open) element.close()
  }, [isOpen])
  return (
    <dialog ref={dialog} className="key-help" aria-labelledby="key-help-title" onClose={() => setOpen(false)}>
      <h2 id="key-help-title">Keys</h2>
      <table>
        <tbody>
          {keyHelp.map((entry) => (
            <tr key={entry.keys}>
              <th scope="row">
                <kbd>{entry.keys}</kbd>
              </th>
              <td>{entry.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => setOpen(false)}>
        Close
      </button>
    </dialog>
  )
}

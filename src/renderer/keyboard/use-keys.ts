// The app's keys, read once at the window: jumps between views and the key
// list here, list keys handed to the list on screen. A key typed into a
// field is text; Escape leaves the field (keeping its text) or closes the key list.
import { useEffect, useRef } from 'react'
import { useServices } from '../app-context'
import { useUi } from '../store'
import { isTextEntry, readKey } from './keymap'

export function useAppKeys() {
  const { engine } = useServices()
  const isAwaitingJump = useRef(false)
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const ui = useUi.getState()
      const target = event.target instanceof HTMLElement ? event.target : null
      const read = readKey(
        {
          key: event.key,
          hasModifier: event.ctrlKey || event.metaKey || event.altKey,
          isTyping: isTextEntry(target as (HTMLElement & { type?: string }) | null),
        },
        isAwaitingJump.current,
      )
      isAwaitingJump.current = read.isAwaitingJump
      const action = read.action
      if (!action) return
      if (action.kind === 'close') {
        if (ui.isKeyHelpOpen) ui.setKeyHelpOpen(false)
        else if (target && isTextEntry(target as HTMLElement & { type?: string })) {
          // Leaving keeps what was typed: a search box would otherwise clear itself, and its results with it.
          event.preventDefault()
          target.blur()
        }
        return
      }
      event.preventDefault()
      if (action.kind === 'go')
        ui.navigate(action.view === 'digest' ? { view: 'digest', digestId: '' } : { view: action.view })
      else if (action.kind === 'help') ui.setKeyHelpOpen(true)
      else if (action.kind === 'search') {
        const field = document.querySelector<HTMLInputElement>('[data-search-field]')
        if (field) field.focus()
        else {
          ui.setSearchWanted(true)
          ui.navigate({ view: 'inbox' })
        }
      } else if (action.kind === 'undo') {
        if (ui.lastDone) {
          void engine.undoDone(ui.lastDone.itemId)
          ui.offerUndo(null)
        }
      } else ui.listKeys?.(action)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [engine])
}

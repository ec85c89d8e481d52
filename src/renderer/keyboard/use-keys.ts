// The app's keys, read once at the window: jumps between views, the key
// list, the palette and undo here; list keys handed to the list holding the
// focus (or the newest list on screen, or the open item). A key typed into
// a field is text; keys inside a dialog or a menu are that dialog's. Escape
// leaves a field (keeping its text), clears a selection, or goes back.
import { useEffect, useRef } from 'react'
import type { ViewTarget } from '../../shared/model'
import { currentKeyTarget, useUi } from '../store'
import { useTriage } from '../ui/list/use-triage'
import { isTextEntry, type JumpTarget, keyName, readKey } from './keymap'

/** A view as the navigation opens it: the Digest opens on the latest check-in. */
export function viewTarget(view: JumpTarget): ViewTarget {
  return view === 'digest' ? { view: 'digest', digestId: '' } : { view }
}

const controlRoles = new Set(['button', 'link', 'menuitem', 'tab', 'checkbox', 'radio', 'switch', 'option'])

/** Whether Enter on this element belongs to it (a button, a link) rather than to the list. */
function isControl(element: HTMLElement | null): boolean {
  if (!element) return false
  const tag = element.tagName
  if (tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY') return true
  return controlRoles.has(element.getAttribute('role') ?? '')
}

export function useAppKeys() {
  const triage = useTriage()
  const isAwaitingJump = useRef(false)
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const ui = useUi.getState()
      const target = event.target instanceof HTMLElement ? event.target : null
      // A dialog or a menu answers its own keys (and Escape closes it).
      if (target?.closest('[role="dialog"], [role="alertdialog"], [role="menu"]')) return
      // A key a component already acted on (an arrow in a list, Enter on a button).
      if (event.defaultPrevented) return
      const read = readKey(
        {
          key: keyName(event),
          hasModifier: event.ctrlKey || event.metaKey || event.altKey,
          isTyping: isTextEntry(target as (HTMLElement & { type?: string }) | null),
          isOnControl: isControl(target),
        },
        isAwaitingJump.current,
      )
      isAwaitingJump.current = read.isAwaitingJump
      const action = read.action
      if (!action) return
      if (action.kind === 'close') {
        if (target && isTextEntry(target as HTMLElement & { type?: string })) {
          // Leaving keeps what was typed: a search box would otherwise clear itself, and its results with it.
          event.preventDefault()
          target.blur()
          return
        }
        if (currentKeyTarget(document.activeElement)?.escape()) event.preventDefault()
        return
      }
      event.preventDefault()
      switch (action.kind) {
        case 'go':
          ui.navigate(viewTarget(action.view))
          return
        case 'help':
          ui.setKeyHelpOpen(true)
          return
        case 'palette':
          ui.setPaletteOpen(true)
          return
        case 'undo':
          void triage.undo()
          return
        case 'search': {
          const field = document.querySelector<HTMLInputElement>('[data-search-field]')
          if (field) field.focus()
          else {
            ui.setSearchWanted(true)
            ui.navigate({ view: 'inbox' })
          }
          return
        }
        default:
          currentKeyTarget(document.activeElement)?.act(action.kind)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [triage])
}

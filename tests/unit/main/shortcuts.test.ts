// The focus shortcut: registered with the OS, pressed into an event, and
// replaced only once the new one is accepted.
import { beforeEach, describe, expect, it } from 'vitest'
import { createEventHub } from '../../../src/main/events'
import { createLog } from '../../../src/main/log'
import { createShortcuts } from '../../../src/main/os/shortcuts'
import type { EventName } from '../../../src/shared/contract'
import { globalShortcut, resetElectron } from '../../fakes/electron'

function setup() {
  const hub = createEventHub(createLog(() => {}))
  const emitted: EventName[] = []
  hub.connect((name) => emitted.push(name))
  return { shortcuts: createShortcuts({ emit: hub.emit, log: createLog(() => {}) }), emitted }
}

beforeEach(() => resetElectron())

describe('focus shortcut', () => {
  it('registers the accelerator and turns a press into shortcut:focus-toggle', () => {
    const { shortcuts, emitted } = setup()
    expect(shortcuts.setFocusToggle('CommandOrControl+Shift+L')).toBe(true)
    globalShortcut.press('CommandOrControl+Shift+L')
    expect(emitted).toEqual(['shortcut:focus-toggle'])
  })

  it('unregisters the old accelerator when a new one replaces it', () => {
    const { shortcuts } = setup()
    shortcuts.setFocusToggle('CommandOrControl+Shift+L')
    expect(shortcuts.setFocusToggle('Alt+F9')).toBe(true)
    expect(globalShortcut.isRegistered('CommandOrControl+Shift+L')).toBe(false)
    expect(globalShortcut.isRegistered('Alt+F9')).toBe(true)
  })

  it('answers true again for the accelerator it already holds', () => {
    const { shortcuts } = setup()
    shortcuts.setFocusToggle('Alt+F9')
    expect(shortcuts.setFocusToggle('Alt+F9')).toBe(true)
    expect(globalShortcut.isRegistered('Alt+F9')).toBe(true)
  })

  it('answers false for an accelerator another app holds, keeping the old one', () => {
    const { shortcuts } = setup()
    shortcuts.setFocusToggle('Alt+F9')
    globalShortcut.takenElsewhere.add('Super+L')
    expect(shortcuts.setFocusToggle('Super+L')).toBe(false)
    expect(globalShortcut.isRegistered('Alt+F9')).toBe(true)
  })

  it('answers false instead of throwing for an accelerator that is nonsense', () => {
    const { shortcuts } = setup()
    expect(shortcuts.setFocusToggle('Ctrl+Banana')).toBe(false)
    expect(globalShortcut.registered.size).toBe(0)
  })

  it('lets the shortcut go on dispose', () => {
    const { shortcuts } = setup()
    shortcuts.setFocusToggle('Alt+F9')
    shortcuts.dispose()
    expect(globalShortcut.isRegistered('Alt+F9')).toBe(false)
  })
})

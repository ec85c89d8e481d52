// The global shortcut that toggles focus. One accelerator at a time: a new
// one replaces the old only once the OS has accepted it, so a refused or
// malformed choice leaves the working one in place.
import { globalShortcut } from 'electron'
import type { Emit } from '../events'
import type { Log } from '../log'
import type { ShortcutRegistrar } from './ports'

export function createShortcuts(deps: { emit: Emit; log: Log }): ShortcutRegistrar & { dispose(): void } {
  let current: string | null = null
  const onPress = () => deps.emit('shortcut:focus-toggle', {})
  return {
    setFocusToggle(accelerator) {
      if (accelerator === current) return true
      let isRegistered = false
      try {
        isRegistered = globalShortcut.register(accelerator, onPress)
      } catch (error) {
        deps.log.warn('shortcuts', `${accelerator} is not a shortcut Lull understands: ${String(error)}`)
        return false
      }
      if (!isRegistered) {
        deps.log.warn('shortcuts', `${accelerator} is taken by another app or the system`)
        return false
      }
      if (current !== null) globalShortcut.unregister(current)
      current = accelerator
      return true
    },
    dispose() {
      if (current !== null) globalShortcut.unregister(current)
      current = null
    },
  }
}

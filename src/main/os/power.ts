// Sleep and wake, so the renderer can turn check-ins missed while asleep
// into one catch-up digest. `unlock-screen` fires on macOS and Windows only.
import { powerMonitor } from 'electron'
import type { Emit } from '../events'

/** Start forwarding power events; answers a function that stops. */
export function watchPower(emit: Emit): () => void {
  const onSuspend = () => emit('power:changed', { event: 'suspend' })
  const onResume = () => emit('power:changed', { event: 'resume' })
  const onUnlock = () => emit('power:changed', { event: 'unlock' })
  powerMonitor.on('suspend', onSuspend)
  powerMonitor.on('resume', onResume)
  powerMonitor.on('unlock-screen', onUnlock)
  return () => {
    powerMonitor.removeListener('suspend', onSuspend)
    powerMonitor.removeListener('resume', onResume)
    powerMonitor.removeListener('unlock-screen', onUnlock)
  }
}

// One clock for every view. It ticks on the minute (every time shown is
// to the minute) and at the moments views ask for (a session's end, the
// next check-in), so an idle window wakes about once a minute however many
// views read the time, and what changes on screen changes on time.
import { useEffect, useSyncExternalStore } from 'react'
import { wakeAt } from '../engine/wake-timer'

const minuteMs = 60_000

const listeners = new Set<() => void>()
/** The instants views asked to be woken at, one per asking hook. */
const moments = new Map<symbol, number>()
let now = Date.now()
let cancel: (() => void) | null = null
let armedFor = 0

function nextWake(current: number): number {
  let next = Math.floor(current / minuteMs) * minuteMs + minuteMs
  for (const at of moments.values()) if (at > current && at < next) next = at
  return next
}

/** Arm the one timer for the next wake, or none while no view reads the clock. */
function arm() {
  if (listeners.size === 0) {
    cancel?.()
    cancel = null
    return
  }
  const next = nextWake(Date.now())
  if (cancel !== null && armedFor === next) return
  cancel?.()
  armedFor = next
  // The page's one wake timer: on the minute, the engine's heartbeat wakes in the same task.
  cancel = wakeAt(next, tick)
}

function tick() {
  cancel = null
  now = Date.now()
  for (const listener of listeners) listener()
  arm()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  arm()
  return () => {
    listeners.delete(listener)
    arm()
  }
}

// A hidden window's timers may be held back: coming back, the clock catches up at once.
if (typeof document !== 'undefined') {
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && listeners.size > 0) tick()
  })
}

/** The shared clock's time: changes on the minute and at the moments asked for with useWakeAt. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now)
}

/** Ask the shared clock to tick at `at` too (when something on screen changes then); null asks nothing. */
export function useWakeAt(at: number | null): void {
  useEffect(() => {
    if (at === null) return
    const key = Symbol('wake')
    moments.set(key, at)
    arm()
    return () => {
      moments.delete(key)
      arm()
    }
  }, [at])
}

// Time as the engine sees it. The app uses the system clock; tests use a
// clock they move by hand (tests/support/manual-clock.ts), so sleep, clock
// jumps and zone changes can be played out exactly.
import { wakeAt } from './wake-timer'

export interface Clock {
  now(): number
  /** Run `callback` after `ms`; answers a function that cancels it. */
  setTimer(callback: () => void, ms: number): () => void
  /** The system's IANA zone right now (it can change while Lull runs). */
  systemZone(): string
}

export const systemClock: Clock = {
  now: () => Date.now(),
  // Through the page's one wake timer, so the engine's wakes share a task with the views' clock.
  setTimer: (callback, ms) => wakeAt(Date.now() + Math.max(0, ms), callback),
  systemZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
}

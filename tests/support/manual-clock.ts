// A clock the test moves by hand: timers fire in order as time advances,
// and the system zone can change mid-run, as a laptop's does when it travels.
import type { Clock } from '../../src/renderer/engine/clock'

type Timer = { at: number; callback: () => void; id: number }

export class ManualClock implements Clock {
  private timers: Timer[] = []
  private nextId = 1
  zone: string

  constructor(
    private current: number,
    zone = 'Europe/London',
  ) {
    this.zone = zone
  }

  now(): number {
    return this.current
  }

  systemZone(): string {
    return this.zone
  }

  setTimer(callback: () => void, ms: number): () => void {
    const timer = { at: this.current + Math.max(0, ms), callback, id: this.nextId++ }
    this.timers.push(timer)
    return () => {
      this.timers = this.timers.filter((other) => other.id !== timer.id)
    }
  }

  /** Jump the wall clock without running timers in between: sleep, or a clock set by hand. */
  jumpTo(at: number): void {
    this.current = at
  }

  pendingTimers(): number {
    return this.timers.length
  }

  /** Fire due timers one at a time, letting each one's async work settle. */
  async runDue(settle: () => Promise<void>): Promise<number> {
    let fired = 0
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at)
      const next = this.timers[0]
      if (!next || next.at > this.current) return fired
      this.timers.shift()
      next.callback()
      fired += 1
      await settle()
    }
  }
}

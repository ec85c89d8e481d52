// The page's one wake timer: wakes due at one moment run in one timer task,
// none runs before its instant, a cancelled one never runs.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { wakeAt } from '../../../../src/renderer/engine/wake-timer'

const minute = Date.UTC(2026, 11, 7, 9, 0)

beforeEach(() => {
  vi.useFakeTimers({ now: minute - 30_000 })
})
afterEach(() => vi.useRealTimers())

describe('the wake timer', () => {
  it('runs every wake due at one moment from one timer', () => {
    const ran: string[] = []
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout')
    wakeAt(minute, () => ran.push('heartbeat'))
    wakeAt(minute, () => ran.push('clock'))
    wakeAt(minute + 60_000, () => ran.push('next minute'))
    vi.advanceTimersByTime(29_999)
    expect(ran).toEqual([])
    const firedBefore = setTimeoutSpy.mock.calls.length
    vi.advanceTimersByTime(1)
    expect(ran).toEqual(['heartbeat', 'clock'])
    // One timer for the next wake, armed again: not one per wake.
    expect(setTimeoutSpy.mock.calls.length - firedBefore).toBe(1)
    vi.advanceTimersByTime(60_000)
    expect(ran).toEqual(['heartbeat', 'clock', 'next minute'])
    setTimeoutSpy.mockRestore()
  })

  it('never runs a cancelled wake, and arms for the next one left', () => {
    const ran: string[] = []
    const cancel = wakeAt(minute, () => ran.push('cancelled'))
    wakeAt(minute + 5_000, () => ran.push('kept'))
    cancel()
    vi.advanceTimersByTime(30_000)
    expect(ran).toEqual([])
    vi.advanceTimersByTime(5_000)
    expect(ran).toEqual(['kept'])
  })

  it('runs the other wakes due when one throws', () => {
    const ran: string[] = []
    wakeAt(minute, () => {
      throw new Error('a wake that fails')
    })
    wakeAt(minute, () => ran.push('after'))
    const seen = vi.spyOn(console, 'error').mockImplementation(() => {})
    const reported = vi.fn()
    vi.stubGlobal('reportError', reported)
    try {
      vi.advanceTimersByTime(30_000)
      expect(ran).toEqual(['after'])
      expect(reported.mock.calls.length + seen.mock.calls.length).toBe(1)
    } finally {
      vi.unstubAllGlobals()
      seen.mockRestore()
    }
  })
})

// When Lull was running (what focus hours are counted inside), round axis
// ticks, and a focus change shown before the store has it.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { FocusSession } from '../../../../src/shared/model'
import {
  activeSession,
  extendRunning,
  intersectIntervals,
  roundTicks,
  runningGapMs,
  runningStepMs,
  withFocusIntent,
} from '../../../../src/shared/policy'
import { mergeIntervals } from '../../../../src/shared/policy/schedule'
import { minute } from './wall'

const t0 = 1_800_000_000_000

describe('the running spans', () => {
  it('start at the first wake, grow with wakes close together, and write at most once a step', () => {
    const first = extendRunning([], t0)
    expect(first).toEqual([{ start: t0, end: t0 }])
    expect(extendRunning(first ?? [], t0 + runningStepMs - 1)).toBeNull()
    expect(extendRunning(first ?? [], t0 + runningStepMs)).toEqual([{ start: t0, end: t0 + runningStepMs }])
  })

  it('start a new span after a gap: Lull closed, or the computer slept', () => {
    const later = t0 + runningGapMs + 1
    expect(extendRunning([{ start: t0, end: t0 }], later)).toEqual([
      { start: t0, end: t0 },
      { start: later, end: later },
    ])
  })

  it('ignore a clock set back into a span already counted', () => {
    expect(extendRunning([{ start: t0, end: t0 + 10 * minute }], t0 + 5 * minute)).toBeNull()
  })

  it('meet deep work only where both are (property)', () => {
    const intervals = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 500 })), {
        maxLength: 8,
      })
      .map((pairs) => mergeIntervals(pairs.map(([start, length]) => ({ start, end: start + length }))))
    fc.assert(
      fc.property(intervals, intervals, (deep, running) => {
        const inside = (list: { start: number; end: number }[], at: number) =>
          list.some((interval) => interval.start <= at && at < interval.end)
        const both = intersectIntervals(deep, running)
        for (let at = 0; at < 10_600; at += 37)
          expect(inside(both, at)).toBe(inside(deep, at) && inside(running, at))
      }),
    )
  })
})

describe('axis ticks', () => {
  it('read as round numbers, not 0.65 / 1.3 / 1.95', () => {
    expect(roundTicks(1.95)).toEqual([0, 0.5, 1, 1.5, 2])
    expect(roundTicks(7, { whole: true })).toEqual([0, 2, 4, 6, 8])
    expect(roundTicks(0.3, { whole: true })).toEqual([0, 1])
    expect(roundTicks(0)).toEqual([0, 0.5, 1])
  })

  it('start at 0, reach the top, and step by 1, 2 or 5 times a power of ten (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 1e6, noNaN: true }), fc.boolean(), (max, whole) => {
        const ticks = roundTicks(max, { whole })
        expect(ticks[0]).toBe(0)
        expect(ticks.at(-1)).toBeGreaterThanOrEqual(max)
        expect(ticks.length).toBeLessThanOrEqual(12)
        const step = ticks[1]! - ticks[0]!
        const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9)
        expect([1, 2, 5].some((factor) => Math.abs(mantissa - factor) < 1e-6)).toBe(true)
        if (whole) expect(ticks.every(Number.isInteger)).toBe(true)
        // No float noise such as 0.30000000000000004.
        for (const tick of ticks) expect(String(tick).length).toBeLessThan(10)
      }),
    )
  })
})

describe('a focus intent', () => {
  const running: FocusSession = { id: 'a', startedAt: t0, length: { kind: 'until-stopped' }, endsAt: null }
  const next: FocusSession = {
    id: 'b',
    startedAt: t0 + 10 * minute,
    length: { kind: 'minutes', minutes: 50 },
    endsAt: t0 + 60 * minute,
  }

  it('shows a session started at once, ending the one that ran', () => {
    const shown = withFocusIntent([running], { kind: 'start', session: next })
    expect(activeSession(shown, next.startedAt)?.id).toBe('b')
    expect(shown.find((session) => session.id === 'a')?.endedAt).toBe(next.startedAt)
  })

  it('shows a session ended at once', () => {
    const shown = withFocusIntent([running], { kind: 'end', at: t0 + 5 * minute })
    expect(activeSession(shown, t0 + 5 * minute)).toBeNull()
  })

  it('changes nothing once the store has it, so it can outlive the write', () => {
    const stored = [{ ...running, endedAt: next.startedAt }, next]
    expect(withFocusIntent(stored, { kind: 'start', session: next })).toBe(stored)
    const ended = [{ ...running, endedAt: t0 + 5 * minute }]
    expect(withFocusIntent(ended, { kind: 'end', at: t0 + 5 * minute })).toBe(ended)
  })
})

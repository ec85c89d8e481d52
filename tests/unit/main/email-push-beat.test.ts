// Telling a server that pushes new mail only on a beat (stock Cyrus: every
// 60 s) from one that pushes as mail comes.
import { describe, expect, it } from 'vitest'
import { pushBeat, slowPushNote } from '../../../src/main/sources/email/push-beat'

const start = Date.parse('2026-11-23T12:00:00Z')
/** Pushes at these seconds after the start. */
const at = (...seconds: number[]) => seconds.map((second) => start + second * 1000)

describe('a push beat', () => {
  it('is found when every push falls on a 60 s beat, some beats skipped, within a second', () => {
    expect(pushBeat(at(0, 60.4, 180, 239.2, 480.9))).toBeCloseTo(60_000, -3)
  })

  it('is not found in two pushes, however regular', () => {
    expect(pushBeat(at(0, 60))).toBeNull()
  })

  it('is not found when mail is pushed as it comes', () => {
    expect(pushBeat(at(0, 7, 45, 61, 200))).toBeNull()
  })

  it('is not found when one push falls off the beat by more than 2 s', () => {
    expect(pushBeat(at(0, 60, 123.5, 180))).toBeNull()
  })

  it('is not found for a beat shorter than 30 s', () => {
    expect(pushBeat(at(0, 20, 40, 60, 80))).toBeNull()
  })

  it('is the longest period the pushes keep to: 60 s, not 30 s', () => {
    expect(pushBeat(at(0, 120, 180, 300))).toBeCloseTo(60_000, -3)
  })

  it('is judged on the latest pushes only, so a server that changed is judged as it is now', () => {
    const before = at(0, 3, 11, 50, 52)
    const since = at(100, 160, 220, 280, 340, 400, 460, 520, 580, 640)
    expect(pushBeat([...before, ...since])).toBeCloseTo(60_000, -3)
  })

  it('is said in words with its period', () => {
    expect(slowPushNote(60_400)).toBe('the mail server is slow to push new mail (about every 60 s)')
  })
})

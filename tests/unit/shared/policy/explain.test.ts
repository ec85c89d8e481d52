// Why the next check-in is when it is, said the same way by the Now card
// and the timeline; and a breakthrough's notification naming its rule.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { FocusSession } from '../../../../src/shared/model'
import {
  checkInsBetween,
  describeNextCheckIn,
  explainCheckIn,
  nextCheckIn,
  nextCheckInWithReason,
  todayTimeline,
} from '../../../../src/shared/policy'
import { noticeBodyWithReason } from '../../../../src/shared/policy/notice-text'
import { minute, settingsWith, wall } from './wall'

const london = 'Europe/London'
const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const
const settings = settingsWith({
  checkIns: [
    { days: [...weekdays], time: '10:00' },
    { days: [...weekdays], time: '15:15' },
  ],
  deepWorkBlocks: [{ days: [...weekdays], start: '09:00', end: '11:30' }],
})

describe('the next check-in, explained', () => {
  it('is on time outside deep work', () => {
    const now = wall('2026-03-11T12:00', london)
    const reason = nextCheckInWithReason(settings, london, [], now)
    expect(reason).toEqual({ at: wall('2026-03-11T15:15', london), movedFrom: [], movedBy: null })
    expect(describeNextCheckIn({ reason, hasCheckIns: true, zone: london, now }).line).toBe(
      'Next check-in 15:15',
    )
  })

  it('says it moved from 10:00 to the end of the deep-work block', () => {
    const now = wall('2026-03-11T08:00', london)
    const reason = nextCheckInWithReason(settings, london, [], now)
    expect(reason).toEqual({
      at: wall('2026-03-11T11:30', london),
      movedFrom: [wall('2026-03-11T10:00', london)],
      movedBy: 'block',
    })
    expect(describeNextCheckIn({ reason, hasCheckIns: true, zone: london, now }).line).toBe(
      'Next check-in 11:30 — moved from 10:00 to the end of your deep work',
    )
  })

  it('says a focus session moved it, and the timeline names the same time with the same reason', () => {
    const now = wall('2026-03-11T15:00', london)
    const session: FocusSession = {
      id: 's',
      startedAt: now,
      length: { kind: 'minutes', minutes: 35 },
      endsAt: now + 35 * minute,
    }
    const reason = nextCheckInWithReason(settings, london, [session], now)
    const text = describeNextCheckIn({ reason, hasCheckIns: true, zone: london, now })
    expect(text.line).toBe('Next check-in 15:35 — moved from 15:15 to the end of your focus session')
    const timeline = todayTimeline({ settings, sessions: [session], breakthroughAts: [], zone: london, now })
    const shown = timeline.checkIns.find((mark) => mark.at > now)
    expect(shown?.at).toBe(reason?.at)
    expect(shown?.reason).toEqual(reason)
  })

  it('names the day when the next check-in is not today', () => {
    const now = wall('2026-03-13T17:00', london) // a Friday evening
    const reason = nextCheckInWithReason(settings, london, [], now)
    expect(describeNextCheckIn({ reason, hasCheckIns: true, zone: london, now }).line).toBe(
      'Next check-in Mon 11:30 — moved from Mon 10:00 to the end of your deep work',
    )
  })

  it('says when none is coming', () => {
    const now = wall('2026-03-11T12:00', london)
    expect(describeNextCheckIn({ reason: null, hasCheckIns: false, zone: london, now }).line).toMatch(
      /^No check-ins scheduled/,
    )
    expect(describeNextCheckIn({ reason: null, hasCheckIns: true, zone: london, now }).line).toBe(
      'Next check-in when focus ends.',
    )
  })

  it('is, for every check-in of a day, the same instant nextCheckIn gives, and every moved time lies before it (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 14 * 24 * 60 }),
        fc.integer({ min: 0, max: 6 * 60 }),
        fc.integer({ min: 5, max: 180 }),
        (offsetMinutes, sessionOffset, sessionMinutes) => {
          const from = wall('2026-03-09T00:00', london) + offsetMinutes * minute
          const startedAt = from + sessionOffset * minute
          const sessions: FocusSession[] = [
            {
              id: 's',
              startedAt,
              length: { kind: 'minutes', minutes: sessionMinutes },
              endsAt: startedAt + sessionMinutes * minute,
            },
          ]
          let after = from
          for (const reason of checkInsBetween(
            settings,
            london,
            sessions,
            from,
            from + 2 * 24 * 60 * minute,
          )) {
            expect(reason.at).toBe(nextCheckIn(settings, london, sessions, after))
            expect(reason).toEqual(explainCheckIn(settings, london, sessions, reason.at))
            for (const moved of reason.movedFrom) expect(moved).toBeLessThan(reason.at)
            expect(reason.movedBy === null).toBe(reason.movedFrom.length === 0)
            after = reason.at
          }
        },
      ),
      { numRuns: 60 },
    )
  })
})

describe("a breakthrough's notification", () => {
  it('ends with the rule that let it through, whole, however long the message', () => {
    const body = noticeBodyWithReason('x'.repeat(500), 'Broke through: Slack channel #incidents')
    expect(body.endsWith('… — Broke through: Slack channel #incidents')).toBe(true)
    expect(Array.from(body).length).toBeLessThanOrEqual(200)
  })

  it('keeps the reason plain text too', () => {
    expect(noticeBodyWithReason('down', 'Broke through: <b>rule</b>')).toBe('down — Broke through: rule')
  })
})

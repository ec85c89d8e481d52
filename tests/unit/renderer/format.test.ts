// Row times, checked against Temporal (the time-zone library the policy
// uses) as an independent oracle, in zones with odd offsets and DST.
import fc from 'fast-check'
import { Temporal } from 'temporal-polyfill'
import { describe, expect, it } from 'vitest'
import { formatClock, formatWhen } from '../../../src/renderer/ui/format'

const zones = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
]
const from2020 = Date.UTC(2020, 0, 1)
const to2030 = Date.UTC(2030, 0, 1)

function oracle(at: number, zone: string, now: number): string {
  const time = Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(zone)
  const today = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(zone).toPlainDate()
  const clock = `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`
  if (time.toPlainDate().equals(today)) return clock
  const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
  return `${days[time.dayOfWeek - 1]}, ${months[time.month - 1]} ${time.day} ${clock}`
}

describe('row times', () => {
  it('say the clock alone today and the day before it otherwise, in the zone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: from2020, max: to2030 }),
        fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }),
        fc.constantFrom(...zones),
        (at, offset, zone) => {
          expect(formatWhen(at, zone, at + offset)).toBe(oracle(at, zone, at + offset))
        },
      ),
      { numRuns: 2_000 },
    )
  })

  it('write midnight as 00:00, not 24:00', () => {
    expect(formatClock(Date.UTC(2026, 11, 6, 0, 5), 'UTC')).toBe('00:05')
    expect(formatClock(Date.UTC(2026, 11, 6, 23, 59), 'Asia/Kolkata')).toBe('05:29')
  })
})

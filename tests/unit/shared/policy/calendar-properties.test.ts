// The calendar's effect on check-ins, checked against a reference written
// apart from the policy: merge blocks, meetings and focus events into
// stretches, move each scheduled check-in to the end of its stretch, drop
// those that land in an absence, and say welcome back to the first after
// one. Generated schedules and calendars sit on the DST changes of zones
// with ordinary, half-hour and southern-hemisphere rules.
import fc from 'fast-check'
import { Temporal } from 'temporal-polyfill'
import { describe, expect, it } from 'vitest'
import type { DeepWorkBlock, Weekday } from '../../../../src/shared/model'
import {
  blockIntervalsBetween,
  type CalendarInterval,
  checkInsBetween,
  checkInTimesBetween,
  type Interval,
} from '../../../../src/shared/policy'
import { day, minute, settingsWith } from './wall'

const allWeek: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']
const zones = [
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe',
  'America/Santiago',
  'Asia/Kathmandu',
]

/** A 2026 clock change of the zone, or an ordinary midnight for a zone without one. */
function changeIn(zone: string, which: number): number {
  const start = Temporal.ZonedDateTime.from({ timeZone: zone, year: 2026, month: 1, day: 1 })
  const first = start.getTimeZoneTransition('next')
  const second = first?.getTimeZoneTransition('next')
  const change = which === 0 ? first : second
  return (change ?? start.add({ days: 40 + which * 150 })).epochMilliseconds
}

const clock = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
  .map(([hour, minutes]) => `${String(hour).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`)

const blockArbitrary: fc.Arbitrary<DeepWorkBlock> = fc
  .tuple(clock, fc.integer({ min: 1, max: 6 }))
  .map(([start, hours]) => {
    const [h = 0, m = 0] = start.split(':').map(Number)
    const endHour = (h + hours) % 24
    return { days: allWeek, start, end: `${String(endHour).padStart(2, '0')}:${String(m).padStart(2, '0')}` }
  })

const eventArbitrary = fc.record({
  offsetMinutes: fc.integer({ min: -3 * 24 * 12, max: 3 * 24 * 12 }).map((steps) => steps * 5),
  lengthMinutes: fc.integer({ min: 1, max: 36 }).map((steps) => steps * 5),
  kind: fc.constantFrom<CalendarInterval['kind']>('meeting', 'meeting', 'focus', 'away'),
  awayDays: fc.integer({ min: 0, max: 2 }),
})

function merge(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start)
  const merged: Interval[] = []
  for (const interval of sorted) {
    const last = merged[merged.length - 1]
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end)
    else merged.push({ ...interval })
  }
  return merged
}

const containing = (intervals: Interval[], at: number) =>
  intervals.find((interval) => interval.start <= at && at < interval.end)

describe('check-ins with a calendar, across DST changes', () => {
  it('match the reference: moved to the end of meetings and focus, skipped while away, welcome back after', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.constantFrom(0, 1),
        fc.uniqueArray(clock, { minLength: 1, maxLength: 4 }),
        fc.array(blockArbitrary, { maxLength: 2 }),
        fc.array(eventArbitrary, { maxLength: 10 }),
        (zone, which, times, blocks, events) => {
          const change = changeIn(zone, which)
          const from = change - 2 * day
          const to = change + 2 * day
          const settings = settingsWith({
            timeZone: zone,
            checkIns: times.map((time) => ({ days: allWeek, time })),
            deepWorkBlocks: blocks,
          })
          const calendar: CalendarInterval[] = events
            .map((event) => {
              const start = change + event.offsetMinutes * minute
              const length =
                event.kind === 'away'
                  ? (event.awayDays * 24 * 60 + event.lengthMinutes * 4) * minute
                  : event.lengthMinutes * minute
              return { start, end: start + length, kind: event.kind, title: event.kind }
            })
            .sort((a, b) => a.start - b.start || a.end - b.end)

          const margin = 4 * day
          const stretches = merge([
            ...blockIntervalsBetween(blocks, zone, from - margin, to + margin),
            ...calendar.filter((interval) => interval.kind !== 'away'),
          ])
          const absences = merge(calendar.filter((interval) => interval.kind === 'away'))
          const reference = [
            ...new Set(
              checkInTimesBetween(settings.checkIns, zone, from - margin, to)
                .map((at) => containing(stretches, at)?.end ?? at)
                .filter((at) => !containing(absences, at)),
            ),
          ].sort((a, b) => a - b)

          const found = checkInsBetween(settings, zone, [], from, to, calendar)
          expect(found.map((reason) => reason.at)).toEqual(reference.filter((at) => at > from && at < to))

          for (const [index, reason] of found.entries()) {
            const previous = reference[reference.indexOf(reason.at) - 1]
            if (previous === undefined) continue
            const isWelcomeBack = absences.some((away) => previous < away.end && away.end <= reason.at)
            expect(Boolean(reason.isWelcomeBack), `check-in ${index}`).toBe(isWelcomeBack)
          }
        },
      ),
      { numRuns: 400 },
    )
  }, 120_000)
})

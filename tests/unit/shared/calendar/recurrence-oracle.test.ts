// Recurrence expansion checked against a second, independent
// implementation: the `rrule` package. A thousand generated rules, each
// expanded through Lull's calendar code (ical.js) and through rrule over the
// same window, must give the same starts.
import fc from 'fast-check'
import rrule from 'rrule'
import { describe, expect, it } from 'vitest'
import { expandCalendar } from '../../../../src/shared/calendar/expand'

// rrule is CommonJS; its named exports are not visible to Node's ESM loader.
const { RRule } = rrule
const hourMs = 60 * 60_000
const days = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const

type Rule = { dtstart: number; rrule: string }

const stamp = (at: number) =>
  new Date(at)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')

// rrule mis-expands a BYDAY list that mixes plain and numbered days
// (MONTHLY;BYDAY=2MO,FR gives nothing), so a generated list is all one kind.
const byDay = (withOrdinals: boolean) =>
  fc.constantFrom(...(withOrdinals ? [1, 2, -1] : [0])).chain((ordinal) =>
    fc.uniqueArray(fc.record({ day: fc.constantFrom(...days), ordinal: fc.constant(ordinal) }), {
      minLength: 1,
      maxLength: 3,
      selector: (entry) => entry.day,
    }),
  )

const ruleArbitrary: fc.Arbitrary<Rule> = fc
  .record({
    dtstart: fc
      .integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2026, 11, 31) })
      .map((at) => at - (at % (15 * 60_000))),
    freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
    interval: fc.integer({ min: 1, max: 4 }),
    end: fc.oneof(
      fc.record({ kind: fc.constant('none' as const) }),
      fc.record({ kind: fc.constant('count' as const), count: fc.integer({ min: 1, max: 60 }) }),
      fc.record({ kind: fc.constant('until' as const), afterDays: fc.integer({ min: 0, max: 500 }) }),
    ),
    weekly: byDay(false),
    monthly: fc.oneof(
      fc.record({ kind: fc.constant('none' as const) }),
      fc.record({ kind: fc.constant('byday' as const), days: fc.oneof(byDay(true), byDay(false)) }),
      fc.record({
        kind: fc.constant('bymonthday' as const),
        monthDays: fc.uniqueArray(fc.constantFrom(1, 5, 15, 28, 30, 31, -1), { minLength: 1, maxLength: 3 }),
      }),
    ),
    months: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 3 }),
    wkst: fc.constantFrom('MO', 'SU'),
  })
  .map((shape) => {
    const parts = [`FREQ=${shape.freq}`, `INTERVAL=${shape.interval}`, `WKST=${shape.wkst}`]
    if (shape.end.kind === 'count') parts.push(`COUNT=${shape.end.count}`)
    if (shape.end.kind === 'until')
      parts.push(`UNTIL=${stamp(shape.dtstart + shape.end.afterDays * 24 * hourMs)}`)
    if (shape.freq === 'WEEKLY') parts.push(`BYDAY=${shape.weekly.map((entry) => entry.day).join(',')}`)
    if (shape.freq === 'MONTHLY' || shape.freq === 'YEARLY') {
      if (shape.monthly.kind === 'byday')
        parts.push(
          `BYDAY=${shape.monthly.days.map((entry) => `${entry.ordinal === 0 ? '' : entry.ordinal}${entry.day}`).join(',')}`,
        )
      if (shape.monthly.kind === 'bymonthday') parts.push(`BYMONTHDAY=${shape.monthly.monthDays.join(',')}`)
    }
    if (shape.freq === 'YEARLY') parts.push(`BYMONTH=${shape.months.join(',')}`)
    const rrule = parts.join(';')
    // RFC 5545 leaves a DTSTART the rule would not give undefined (ical.js counts it, rrule does not),
    // so each series starts on its rule's first date on or after the drawn one, as calendars write them.
    const first = RRule.fromString(`DTSTART:${stamp(shape.dtstart)}\nRRULE:${rrule}`).all(
      (_, index) => index < 1,
    )[0]
    return first ? { dtstart: first.getTime(), rrule } : null
  })
  .filter((rule): rule is Rule => rule !== null)

function calendarOf(rule: Rule): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'BEGIN:VEVENT',
    'UID:series',
    'SUMMARY:Series',
    `DTSTART:${stamp(rule.dtstart)}`,
    `DTEND:${stamp(rule.dtstart + hourMs)}`,
    `RRULE:${rule.rrule}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n')
}

describe('recurrence against rrule', () => {
  it('gives the same starts as rrule for 1,000 generated rules over a 21-day window', () => {
    fc.assert(
      fc.property(ruleArbitrary, fc.integer({ min: 0, max: 700 }), (rule, offsetDays) => {
        const from = Date.UTC(2025, 0, 1) + offsetDays * 24 * hourMs
        const to = from + 21 * 24 * hourMs
        const ours = expandCalendar(calendarOf(rule), {
          calendarId: 'c',
          window: { from, to },
          zone: 'UTC',
          personEmails: [],
        }).occurrences.map((occurrence) => occurrence.start)
        const oracle = RRule.fromString(`DTSTART:${stamp(rule.dtstart)}\nRRULE:${rule.rrule}`)
          .between(new Date(from - hourMs), new Date(to), false)
          .map((date) => date.getTime())
        expect(ours, rule.rrule).toEqual(oracle)
      }),
      { numRuns: 1000 },
    )
  }, 120_000)
})

// A calendar of 5,000 events, 300 of them recurring series (weekly,
// daily and monthly, some with overrides and exclusions), in a zone with
// its VTIMEZONE: expanded for the 21-day window (goal: 200 ms or less),
// against the baseline of parsing the same text alone; and the added cost
// per engine wake of deciding with the calendar's intervals (goal: 1 ms or
// less), against the same wake without a calendar.
import ICAL from 'ical.js'
import { expandCalendar } from '../src/shared/calendar/expand'
import { calendarWindow } from '../src/shared/calendar/occurrence'
import { defaultSettings } from '../src/shared/model'
import { calendarIntervals, deepWorkAt, dueCheckIn, nextCheckIn } from '../src/shared/policy'
import { seededRandom } from '../src/shared/seeded-random'
import { median } from './median'

const zone = 'Europe/Berlin'
const dayMs = 24 * 60 * 60_000
const now = Date.parse('2026-03-25T08:00:00Z')
const berlinZone = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Berlin',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
]

function local(at: number): string {
  const date = new Date(at + 60 * 60_000)
  return date.toISOString().replace(/[-:]/g, '').slice(0, 15)
}

/** Two years of history and a few months ahead, as a real export holds. */
function calendarText(total: number, series: number): string {
  const random = seededRandom(28)
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Lull bench//EN', ...berlinZone]
  const rules = [
    'FREQ=WEEKLY;BYDAY=MO,WE,FR',
    'FREQ=WEEKLY;BYDAY=TU',
    'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR',
    'FREQ=MONTHLY;BYDAY=2TH',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=TH',
  ]
  for (let index = 0; index < total; index++) {
    const isSeries = index < series
    const dayOffset = isSeries ? -Math.floor(random() * 700) : Math.floor(random() * 820) - 730
    const start =
      Math.floor((now + dayOffset * dayMs) / dayMs) * dayMs + (8 + Math.floor(random() * 9)) * 60 * 60_000
    const end = start + (1 + Math.floor(random() * 4)) * 15 * 60_000
    lines.push(
      'BEGIN:VEVENT',
      `UID:event-${index}@bench`,
      'DTSTAMP:20260301T000000Z',
      `SUMMARY:Meeting ${index}`,
    )
    lines.push(`DTSTART;TZID=Europe/Berlin:${local(start)}`, `DTEND;TZID=Europe/Berlin:${local(end)}`)
    if (isSeries) {
      lines.push(`RRULE:${rules[index % rules.length]}`)
      if (index % 3 === 0) lines.push(`EXDATE;TZID=Europe/Berlin:${local(start + 7 * dayMs)}`)
    }
    lines.push('END:VEVENT')
    if (isSeries && index % 4 === 0) {
      const moved = start + 14 * dayMs
      lines.push(
        'BEGIN:VEVENT',
        `UID:event-${index}@bench`,
        'DTSTAMP:20260301T000000Z',
        `SUMMARY:Meeting ${index} (moved)`,
      )
      lines.push(`RECURRENCE-ID;TZID=Europe/Berlin:${local(moved)}`)
      lines.push(
        `DTSTART;TZID=Europe/Berlin:${local(moved + 60 * 60_000)}`,
        `DTEND;TZID=Europe/Berlin:${local(moved + 2 * 60 * 60_000)}`,
      )
      lines.push('END:VEVENT')
    }
  }
  lines.push('END:VCALENDAR', '')
  return lines.join('\r\n')
}

function timed(rounds: number, run: () => void): number {
  const times: number[] = []
  for (let round = 0; round < rounds; round++) {
    const started = performance.now()
    run()
    times.push(performance.now() - started)
  }
  return median(times)
}

export async function benchCalendar(): Promise<string[]> {
  const text = calendarText(5_000, 300)
  const window = calendarWindow(now)
  const options = { calendarId: 'bench', window, zone, personEmails: ['ada@example.com'] }
  // Warm-up, so the JIT is not what is measured.
  expandCalendar(text, options)
  const parseMs = timed(9, () => new ICAL.Component(ICAL.parse(text)))
  let found = 0
  const expandMs = timed(9, () => {
    found = expandCalendar(text, options).occurrences.length
  })

  const calendar = calendarIntervals(expandCalendar(text, options).occurrences, defaultSettings.calendar)
  const settings = { ...defaultSettings, timeZone: zone }
  const random = seededRandom(7)
  const wakes = Array.from({ length: 2_000 }, () => now + Math.floor(random() * 14 * dayMs))
  const wake = (at: number, intervals: typeof calendar) => {
    nextCheckIn(settings, zone, [], at, intervals)
    dueCheckIn(settings, zone, [], at - 60 * 60_000, at, intervals)
    deepWorkAt(settings.deepWorkBlocks, [], zone, at, intervals)
  }
  for (const at of wakes.slice(0, 200)) {
    wake(at, [])
    wake(at, calendar)
  }
  const withoutMs = timed(3, () => {
    for (const at of wakes) wake(at, [])
  })
  const withMs = timed(3, () => {
    for (const at of wakes) wake(at, calendar)
  })
  const addedPerWake = Math.max(0, withMs - withoutMs) / wakes.length
  return [
    `calendar: 5,000 events (300 recurring series), ${(text.length / 1024 / 1024).toFixed(1)} MB; ${found} occurrences in the 21-day window, ${calendar.length} intervals for the policy`,
    `parse alone (baseline): ${parseMs.toFixed(1)} ms`,
    `expand for the window: ${expandMs.toFixed(1)} ms (goal ≤ 200 ms), ${(expandMs / parseMs).toFixed(1)}× the parse`,
    `engine wake (next check-in, due check-in, deep work): ${((withoutMs / wakes.length) * 1000).toFixed(1)} µs without a calendar, ${((withMs / wakes.length) * 1000).toFixed(1)} µs with it`,
    `added per wake: ${addedPerWake.toFixed(3)} ms (goal ≤ 1 ms), ${(withMs / withoutMs).toFixed(2)}× the wake without a calendar`,
  ]
}

if (import.meta.url === `file://${process.argv[1]}`)
  for (const line of await benchCalendar()) console.log(line)

// Real-shaped exports from Google Calendar and Outlook, expanded for a
// window: recurrence with overrides, exclusions and cancellations, their
// VTIMEZONE blocks across a DST change, all-day absences, declined
// invitations, and free time.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { expandCalendar } from '../../../../src/shared/calendar/expand'
import type { CalendarOccurrence } from '../../../../src/shared/calendar/occurrence'
import { wall } from '../policy/wall'

const fixture = (name: string) =>
  readFileSync(new URL(`../../../fixtures/calendar/${name}`, import.meta.url), 'utf8')
const berlin = 'Europe/Berlin'
const pacific = 'America/Los_Angeles'

function google(zone = berlin): CalendarOccurrence[] {
  const window = { from: wall('2026-03-23T00:00', berlin), to: wall('2026-04-06T00:00', berlin) }
  return expandCalendar(fixture('google-export.ics'), {
    calendarId: 'work',
    window,
    zone,
    personEmails: ['Ada@Example.com'],
  }).occurrences
}

const titled = (occurrences: CalendarOccurrence[], title: string) =>
  occurrences.filter((occurrence) => occurrence.title === title)

describe('a Google Calendar export', () => {
  it('expands the weekly stand-up on both sides of the DST change, in Berlin wall time', () => {
    const starts = titled(google(), 'Team stand-up').map((occurrence) => occurrence.start)
    expect(starts).toEqual([
      wall('2026-03-30T10:00', berlin),
      wall('2026-04-01T10:00', berlin),
      wall('2026-04-03T10:00', berlin),
    ])
  })

  it('uses the override for a moved occurrence and keeps its series id', () => {
    const [moved] = titled(google(), 'Team stand-up (moved)')
    expect(moved?.start).toBe(wall('2026-03-23T11:30', berlin))
    expect(moved?.end).toBe(wall('2026-03-23T12:00', berlin))
    expect(moved?.id).toBe(`work:7kukuqrfedlm2f9t0vr42q2hsf@google.com:${wall('2026-03-23T10:00', berlin)}`)
  })

  it('drops an excluded date, a cancelled occurrence and an invitation the person declined', () => {
    const occurrences = google()
    const starts = occurrences.map((occurrence) => occurrence.start)
    expect(starts).not.toContain(wall('2026-03-25T10:00', berlin))
    expect(starts).not.toContain(wall('2026-03-27T10:00', berlin))
    expect(titled(occurrences, 'Vendor pitch')).toEqual([])
  })

  it('keeps a plain meeting, a focus event, and an all-day absence in the person’s zone', () => {
    const occurrences = google('Asia/Tokyo')
    expect(titled(occurrences, 'Design review')[0]).toMatchObject({
      start: wall('2026-03-24T14:30', berlin),
      showAs: 'busy',
      isAllDay: false,
    })
    expect(titled(occurrences, '❇️ Focus Time (via Clockwise)')).toHaveLength(1)
    expect(titled(occurrences, 'Out of office')[0]).toMatchObject({
      start: wall('2026-03-30T00:00', 'Asia/Tokyo'),
      end: wall('2026-04-01T00:00', 'Asia/Tokyo'),
      isAllDay: true,
    })
  })

  it('marks transparent events free', () => {
    expect(titled(google(), "Grace's birthday")[0]?.showAs).toBe('free')
  })
})

describe('an Outlook export', () => {
  const window = { from: wall('2026-03-01T00:00', pacific), to: wall('2026-05-01T00:00', pacific) }
  const expansion = expandCalendar(fixture('outlook-export.ics'), {
    calendarId: 'outlook',
    window,
    zone: 'Europe/London',
    personEmails: [],
  })

  it('reads a Windows zone name through its VTIMEZONE block across the March change', () => {
    const planning = expansion.occurrences.filter((occurrence) =>
      occurrence.title.startsWith('Weekly planning'),
    )
    expect(planning.map((occurrence) => [occurrence.start, occurrence.end])).toEqual([
      [wall('2026-03-03T09:00', pacific), wall('2026-03-03T10:00', pacific)],
      [wall('2026-03-10T09:00', pacific), wall('2026-03-10T11:00', pacific)],
      [wall('2026-03-24T09:00', pacific), wall('2026-03-24T10:00', pacific)],
      [wall('2026-03-31T09:00', pacific), wall('2026-03-31T10:00', pacific)],
      [wall('2026-04-07T09:00', pacific), wall('2026-04-07T10:00', pacific)],
      [wall('2026-04-14T09:00', pacific), wall('2026-04-14T10:00', pacific)],
      [wall('2026-04-21T09:00', pacific), wall('2026-04-21T10:00', pacific)],
      [wall('2026-04-28T09:00', pacific), wall('2026-04-28T10:00', pacific)],
    ])
    expect(expansion.notes).toEqual([])
  })

  it('reads Outlook’s busy status: out of office is away, free is free', () => {
    const byTitle = new Map(expansion.occurrences.map((occurrence) => [occurrence.title, occurrence]))
    expect(byTitle.get('Out of Office - conference')?.showAs).toBe('away')
    expect(byTitle.get('Lunch')?.showAs).toBe('free')
    expect(byTitle.get('Deep work')?.categories).toEqual(['Focus'])
  })
})

describe('bad input', () => {
  const window = { from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 0, 15) }
  const options = { calendarId: 'c', window, zone: 'UTC', personEmails: [] }
  const event = (uid: string, extra: string) =>
    `BEGIN:VEVENT\r\nUID:${uid}\r\nSUMMARY:${uid}\r\nDTSTART:20260105T100000Z\r\nDTEND:20260105T110000Z\r\n${extra}END:VEVENT\r\n`
  const calendar = (...events: string[]) =>
    `BEGIN:VCALENDAR\r\nVERSION:2.0\r\n${events.join('')}END:VCALENDAR\r\n`

  it('leaves out an event with a broken RRULE, says so, and keeps the rest', () => {
    const text = calendar(event('good', ''), event('broken', 'RRULE:FREQ=SOMETIMES;COUNT=x\r\n'))
    const result = expandCalendar(text, options)
    expect(result.occurrences.map((occurrence) => occurrence.title)).toContain('good')
    expect(result.notes.some((note) => note.uid === 'broken' || note.message.includes('broken'))).toBe(true)
  })

  it('reads an unknown zone in the person’s zone and says which', () => {
    const text = calendar(
      'BEGIN:VEVENT\r\nUID:z\r\nSUMMARY:z\r\nDTSTART;TZID=Mars/Olympus:20260105T100000\r\nDTEND;TZID=Mars/Olympus:20260105T110000\r\nEND:VEVENT\r\n',
    )
    const result = expandCalendar(text, { ...options, zone: 'Asia/Kathmandu' })
    expect(result.occurrences[0]?.start).toBe(wall('2026-01-05T10:00', 'Asia/Kathmandu'))
    expect(result.notes.map((note) => note.message).join(' ')).toContain('Mars/Olympus')
  })

  it('stops a series that repeats every minute at its step limit, with a note', () => {
    const text = calendar(event('often', 'RRULE:FREQ=MINUTELY\r\n'))
    const result = expandCalendar(text, { ...options, maxStepsPerSeries: 500 })
    expect(result.occurrences).toHaveLength(500)
    expect(result.notes[0]?.message).toContain('repeats too often')
  })

  it('reads the rest of a file whose structure is broken, event by event', () => {
    const text = `${calendar(event('first', ''))}BEGIN:VEVENT\r\nUID:half`.replace('END:VCALENDAR\r\n', '')
    const result = expandCalendar(text, options)
    expect(result.occurrences.map((occurrence) => occurrence.title)).toEqual(['first'])
    expect(result.notes.length).toBeGreaterThan(0)
  })
})

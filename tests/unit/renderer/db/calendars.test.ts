// The calendars in the store: a good read replaces a calendar's events, a
// failed one only changes the note on the account, and only counted
// calendars reach the policy.
import { afterEach, describe, expect, it } from 'vitest'
import {
  addCalendars,
  countedOccurrences,
  removeCalendarAccount,
  setCalendarCounted,
  storeCalendarRead,
} from '../../../../src/renderer/db/calendars'
import { type CalendarRow, LullDb } from '../../../../src/renderer/db/schema'
import type { CalendarOccurrence } from '../../../../src/shared/calendar/occurrence'

let db: LullDb
afterEach(async () => {
  await db?.delete()
})

const row = (id: string): CalendarRow => ({
  id,
  accountId: id.split(':')[0] ?? id,
  calendarKey: id,
  kind: 'ics-url',
  accountLabel: 'calendar.example.com',
  name: 'Work',
  isCounted: true,
  addedAt: 0,
  lastReadAt: null,
  problem: null,
  notes: [],
})

const event = (calendarId: string, title: string, start: number): CalendarOccurrence => ({
  id: `${calendarId}:${title}`,
  calendarId,
  title,
  categories: [],
  start,
  end: start + 60_000,
  isAllDay: false,
  showAs: 'busy',
})

describe('calendars in the store', () => {
  it('keeps the events of a failed read and says why on the calendar', async () => {
    db = new LullDb(`calendars-${Math.random()}`)
    await addCalendars(db, [row('a:work')])
    const good = {
      status: 'updated' as const,
      hasCopy: true,
      notes: [],
      problem: null,
      occurrences: [event('a:work', 'Design review', 1000)],
    }
    await storeCalendarRead(db, 'a:work', good, 5)
    await storeCalendarRead(
      db,
      'a:work',
      {
        status: 'failed',
        hasCopy: false,
        notes: [],
        occurrences: [],
        problem: { kind: 'unreachable', message: 'Down.' },
      },
      6,
    )
    expect((await countedOccurrences(db, 0, 10_000)).map((occurrence) => occurrence.title)).toEqual([
      'Design review',
    ])
    expect((await db.calendars.get('a:work'))?.problem).toBe('Down.')
  })

  it('gives the policy only counted calendars, and forgets a removed account', async () => {
    db = new LullDb(`calendars-${Math.random()}`)
    await addCalendars(db, [row('a:work'), row('b:home')])
    const read = (id: string, title: string) => ({
      status: 'updated' as const,
      hasCopy: true,
      notes: [],
      problem: null,
      occurrences: [event(id, title, 1000)],
    })
    await storeCalendarRead(db, 'a:work', read('a:work', 'Stand-up'), 1)
    await storeCalendarRead(db, 'b:home', read('b:home', 'Dentist'), 1)
    await setCalendarCounted(db, 'b:home', false)
    expect((await countedOccurrences(db, 0, 10_000)).map((occurrence) => occurrence.title)).toEqual([
      'Stand-up',
    ])
    await removeCalendarAccount(db, 'a')
    expect(await countedOccurrences(db, 0, 10_000)).toEqual([])
    expect(await db.calendarEvents.count()).toBe(1)
  })
})

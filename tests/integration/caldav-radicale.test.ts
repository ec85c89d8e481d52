// CalDAV against a real server: Debian's Radicale on 127.0.0.1, holding
// calendars built from real-shaped Google and Outlook exports. Discovery,
// the calendar list, events read once and then only when the ctag moves,
// and a wrong password said as such.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listCalDavCalendars } from '../../src/main/calendars/caldav'
import { CalendarReader, type ReadRequest } from '../../src/main/calendars/calendar-reader'
import { isRadicaleAvailable, type Radicale, splitByUid, startRadicale } from '../support/radicale'

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/calendar/${name}`, import.meta.url), 'utf8')
const window = { from: Date.UTC(2026, 2, 1), to: Date.UTC(2026, 3, 30) }

let radicale: Radicale
let work = ''
let team = ''

describe.runIf(isRadicaleAvailable())('CalDAV against Radicale', () => {
  beforeAll(async () => {
    radicale = await startRadicale()
    work = await radicale.makeCalendar('work', 'Work (Google)')
    team = await radicale.makeCalendar('team', 'Team (Outlook)')
    for (const [uid, ics] of splitByUid(fixture('google-export.ics')))
      await radicale.put(work, `${encodeURIComponent(uid)}.ics`, ics)
    for (const [index, ics] of [...splitByUid(fixture('outlook-export.ics')).values()].entries())
      await radicale.put(team, `outlook-${index}.ics`, ics)
  }, 60_000)
  afterAll(async () => {
    await radicale?.stop()
  })

  const login = () => ({ serverUrl: radicale.url, user: radicale.user, password: radicale.password, fetch })
  const readRequest = (calendarUrl: string): ReadRequest => ({
    calendarId: calendarUrl,
    source: { kind: 'caldav', serverUrl: radicale.url, calendarUrl },
    secret: { user: radicale.user, password: radicale.password },
    window,
    zone: 'Europe/Berlin',
    personEmails: ['ada@example.com'],
  })

  it('finds the account’s calendars by discovery, with their names', async () => {
    const listed = await listCalDavCalendars(login())
    if (!('calendars' in listed)) throw new Error(listed.problem.message)
    expect(listed.calendars.map((calendar) => calendar.name).sort()).toEqual([
      'Team (Outlook)',
      'Work (Google)',
    ])
  })

  it('reads a calendar’s events with overrides, cancellations and declines applied', async () => {
    const result = await new CalendarReader(fetch).read(readRequest(work))
    expect(result.status).toBe('updated')
    const titles = result.occurrences.map((occurrence) => occurrence.title)
    expect(titles).toContain('Team stand-up (moved)')
    expect(titles).toContain('Out of office')
    expect(titles).not.toContain('Vendor pitch')
  })

  it('asks for the events again only when the calendar’s ctag changed', async () => {
    const reader = new CalendarReader(fetch)
    expect((await reader.read(readRequest(team))).status).toBe('updated')
    expect((await reader.read(readRequest(team))).status).toBe('unchanged')
    await radicale.put(
      team,
      'added.ics',
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:added\r\nDTSTAMP:20260301T000000Z\r\nDTSTART:20260402T150000Z\r\nDTEND:20260402T160000Z\r\nSUMMARY:Added later\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
    )
    const after = await reader.read(readRequest(team))
    expect(after.status).toBe('updated')
    expect(after.occurrences.map((occurrence) => occurrence.title)).toContain('Added later')
  })

  it('says a wrong password is refused, and keeps the copy it had', async () => {
    const reader = new CalendarReader(fetch)
    const good = await reader.read(readRequest(work))
    const refused = await reader.read({
      ...readRequest(work),
      secret: { user: radicale.user, password: 'wrong' },
    })
    expect(refused.problem?.kind).toBe('unauthorized')
    expect(refused.occurrences).toEqual(good.occurrences)
  })
})

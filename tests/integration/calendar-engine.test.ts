// The calendar through the engine, on a clock moved by hand: an all-day
// out-of-office event skips the day's check-ins and keeps an urgent rule
// not marked "even on leave" from breaking through; the first check-in
// after it (moved to the end of deep work) delivers everything and says
// welcome back, in the digest and its notification. A meeting over a
// check-in moves it to the meeting's end.
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import type { CalendarRow } from '../../src/renderer/db/schema'
import type { CalendarOccurrence } from '../../src/shared/calendar/occurrence'
import { checkInNotices, createHarness, digestsOf } from './engine-harness'

const at = (iso: string) => Date.parse(iso)

const calendarRow: CalendarRow = {
  id: 'cal-1:work',
  accountId: 'cal-1',
  calendarKey: 'work',
  kind: 'ics-url',
  accountLabel: 'calendar.example.com',
  name: 'Work',
  isCounted: true,
  addedAt: at('2026-11-20T00:00:00Z'),
  lastReadAt: at('2026-11-23T08:00:00Z'),
  problem: null,
  notes: [],
}

function occurrence(
  uid: string,
  title: string,
  start: string,
  end: string,
  extra: Partial<CalendarOccurrence> = {},
): CalendarOccurrence {
  return {
    id: `${calendarRow.id}:${uid}:${at(start)}`,
    calendarId: calendarRow.id,
    title,
    categories: [],
    start: at(start),
    end: at(end),
    isAllDay: false,
    showAs: 'busy',
    ...extra,
  }
}

describe('the calendar in the engine', () => {
  it('holds everything through an absence and welcomes the person back at the first check-in after it', async () => {
    const h = await createHarness({ start: '2026-11-24T07:00:00Z', settings: { timeZone: 'Europe/London' } })
    await h.db.calendars.put(calendarRow)
    await h.db.calendarEvents.put(
      occurrence('ooo', 'Out of office', '2026-11-24T00:00:00Z', '2026-11-25T00:00:00Z', {
        isAllDay: true,
        showAs: 'away',
      }),
    )
    await h.engine.start()
    await h.at('2026-11-24T08:00:00Z')
    const calm = h.say('slack-general', 'standup notes')
    const urgent = h.say('slack-incidents', 'prod is slow')
    for (const time of ['09:30', '11:30', '13:00', '16:30', '23:59']) await h.at(`2026-11-24T${time}:00Z`)
    // Away: no check-in, and the #incidents rule (not marked even on leave) waits too.
    expect(await digestsOf(h.db)).toHaveLength(0)
    expect((await h.db.items.get(urgent.id))?.status).toBe('held')
    expect(h.host.ports.notifications.filter((notice) => notice.kind === 'breakthrough')).toHaveLength(0)

    // Wednesday: the 09:30 check-in waits out the deep-work block, then welcomes back.
    for (const time of ['09:30', '11:29']) await h.at(`2026-11-25T${time}:00Z`)
    expect(await digestsOf(h.db)).toHaveLength(0)
    await h.at('2026-11-25T11:30:00Z')
    const [digest] = await digestsOf(h.db)
    expect(digest?.isWelcomeBack).toBe(true)
    expect(digest?.itemIds.sort()).toEqual([calm.id, urgent.id].sort())
    expect(checkInNotices(h.host).map((notice) => notice.title)).toEqual(['Welcome back · Check-in: 2 new'])

    // The next check-in is an ordinary one.
    h.say('slack-general', 'lunch?')
    await h.at('2026-11-25T13:00:00Z')
    const digests = await digestsOf(h.db)
    expect(digests).toHaveLength(2)
    expect(digests[1]?.isWelcomeBack).toBeUndefined()
    expect(checkInNotices(h.host)[1]?.title).toBe('Check-in: 1 new')
    h.engine.stop()
    await h.engine.settled()
  })

  it("moves a check-in that falls in a meeting to the meeting's end", async () => {
    const h = await createHarness({ start: '2026-11-24T12:00:00Z', settings: { timeZone: 'Europe/London' } })
    await h.db.calendars.put(calendarRow)
    await h.db.calendarEvents.put(
      occurrence('review', 'Design review', '2026-11-24T12:30:00Z', '2026-11-24T14:30:00Z'),
    )
    await h.engine.start()
    h.say('slack-general', 'standup notes')
    await h.at('2026-11-24T13:00:00Z')
    await h.at('2026-11-24T14:29:00Z')
    expect(await digestsOf(h.db)).toHaveLength(0)
    await h.at('2026-11-24T14:30:00Z')
    expect(await digestsOf(h.db)).toHaveLength(1)
    h.engine.stop()
    await h.engine.settled()
  })
})

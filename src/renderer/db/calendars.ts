// Calendars and their occurrences in the store. A read replaces one
// calendar's occurrences in one transaction, and only when main had a good
// copy to answer from: a failed read changes the note on the account,
// never the events in use.
import type { CalendarOccurrence } from '../../shared/calendar/occurrence'
import type { CallResponse } from '../../shared/contract'
import type { CalendarRow, LullDb } from './schema'

export async function addCalendars(db: LullDb, rows: CalendarRow[]): Promise<void> {
  await db.calendars.bulkPut(rows)
}

export async function listCalendars(db: LullDb): Promise<CalendarRow[]> {
  return (await db.calendars.toArray()).sort((a, b) => a.addedAt - b.addedAt || a.name.localeCompare(b.name))
}

export async function setCalendarCounted(db: LullDb, id: string, isCounted: boolean): Promise<void> {
  await db.calendars.update(id, { isCounted })
}

/** Forget a calendar account: its calendars and their occurrences. */
export async function removeCalendarAccount(db: LullDb, accountId: string): Promise<void> {
  await db.transaction('rw', db.calendars, db.calendarEvents, async () => {
    const ids = (await db.calendars.where('accountId').equals(accountId).toArray()).map((row) => row.id)
    await db.calendars.bulkDelete(ids)
    for (const id of ids) await db.calendarEvents.where('calendarId').equals(id).delete()
  })
}

export async function storeCalendarRead(
  db: LullDb,
  calendarId: string,
  read: CallResponse<'calendar:read'>,
  now: number,
): Promise<void> {
  await db.transaction('rw', db.calendars, db.calendarEvents, async () => {
    if (read.hasCopy) {
      await db.calendarEvents.where('calendarId').equals(calendarId).delete()
      await db.calendarEvents.bulkPut(read.occurrences.map((occurrence) => ({ ...occurrence, calendarId })))
    }
    await db.calendars.update(calendarId, {
      lastReadAt: now,
      problem: read.problem?.message ?? null,
      notes: read.notes,
    })
  })
}

/** The occurrences of counted calendars that overlap [from, to). */
export async function countedOccurrences(
  db: LullDb,
  from: number,
  to: number,
): Promise<CalendarOccurrence[]> {
  const counted = new Set((await db.calendars.toArray()).filter((row) => row.isCounted).map((row) => row.id))
  if (counted.size === 0) return []
  // The store holds only the window Lull looks at, so reading every start before `to` stays small.
  const rows = await db.calendarEvents.where('start').below(to).toArray()
  return rows.filter((row) => counted.has(row.calendarId) && row.end > from)
}

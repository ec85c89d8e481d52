// Reads the calendars a few times an hour, and at once when asked: each
// calendar through main (which asks its server conditionally), its window's
// occurrences stored in one transaction. One read at a time; a calendar
// that fails keeps its events and says why on the account.
import { calendarWindow } from '../../shared/calendar/occurrence'
import type { CallRequest } from '../../shared/contract'
import { addCalendars, listCalendars, removeCalendarAccount, storeCalendarRead } from '../db/calendars'
import type { LullDb } from '../db/schema'
import type { HostClient } from '../host/client'

/** A calendar is read again after this long: a few times an hour. */
export const calendarReadEveryMs = 15 * 60_000

export type CalendarSyncDeps = {
  db: LullDb
  host: HostClient
  now: () => number
  zone: () => string
}

const emailPattern = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g

export function createCalendarSync(deps: CalendarSyncDeps) {
  const { db, host } = deps
  let reading: Promise<boolean> | null = null

  /** The person's addresses, to find their answer among an event's attendees: from every account's identity. */
  async function personEmails(): Promise<string[]> {
    const accounts = await db.accounts.toArray()
    const calendars = await listCalendars(db)
    const texts = [
      ...accounts.map((account) => account.identity),
      ...calendars.map((row) => row.accountLabel),
    ]
    return [...new Set(texts.flatMap((text) => text.match(emailPattern) ?? []))].slice(0, 20)
  }

  async function readCalendars(all: boolean): Promise<boolean> {
    const now = deps.now()
    const due = (await listCalendars(db)).filter(
      (row) => all || row.lastReadAt === null || now - row.lastReadAt >= calendarReadEveryMs,
    )
    if (due.length === 0) return false
    const emails = await personEmails()
    let changed = false
    for (const row of due) {
      try {
        const read = await host.call('calendar:read', {
          accountId: row.accountId,
          calendarKey: row.calendarKey,
          window: calendarWindow(now),
          zone: deps.zone(),
          personEmails: emails,
        })
        await storeCalendarRead(db, row.id, read, deps.now())
        changed ||= read.status === 'updated' || read.hasCopy
      } catch (error) {
        await db.calendars.update(row.id, {
          lastReadAt: deps.now(),
          problem: error instanceof Error ? error.message : String(error),
        })
      }
    }
    return changed
  }

  return {
    /** Read the calendars that are due (or all); resolves to whether any events may have changed. */
    read(all = false): Promise<boolean> {
      if (!reading) reading = readCalendars(all).finally(() => (reading = null))
      return reading
    },

    /** Add a calendar account: main checks it and keeps its secret; every calendar found counts at first. */
    async connect(request: CallRequest<'calendar:connect'>): Promise<void> {
      const answer = await host.call('calendar:connect', request)
      const now = deps.now()
      await addCalendars(
        db,
        answer.calendars.map((calendar) => ({
          id: `${answer.accountId}:${calendar.key}`.slice(0, 256),
          accountId: answer.accountId,
          calendarKey: calendar.key,
          kind: request.kind,
          accountLabel: answer.label,
          name: calendar.name,
          isCounted: true,
          addedAt: now,
          lastReadAt: null,
          problem: null,
          notes: [],
        })),
      )
      await readCalendars(false)
    },

    async remove(accountId: string): Promise<void> {
      await host.call('calendar:disconnect', { accountId }).catch(() => {})
      await removeCalendarAccount(db, accountId)
    },
  }
}

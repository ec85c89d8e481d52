// What Lull keeps of a calendar event: one occurrence inside the window it
// looks at, with the facts the policy needs to classify it. Titles and
// categories are kept because the person's focus and away words match them;
// descriptions, locations and attendee lists are not kept at all.
import { z } from 'zod'

/** How the calendar itself marks the time: from TRANSP and Outlook's busy status. */
export const CalendarShowAs = z.enum(['busy', 'free', 'away'])
export type CalendarShowAs = z.infer<typeof CalendarShowAs>

export const CalendarOccurrence = z.object({
  /** `<calendarId>:<uid>:<start of the recurrence, epoch ms>`: stable across polls. */
  id: z.string().min(1).max(1200),
  calendarId: z.string().min(1).max(256),
  title: z.string().max(512),
  categories: z.array(z.string().max(128)).max(32),
  start: z.number().int(),
  end: z.number().int(),
  isAllDay: z.boolean(),
  showAs: CalendarShowAs,
})
export type CalendarOccurrence = z.infer<typeof CalendarOccurrence>

/** Something the expansion could not read; the rest of the calendar is still used. */
export type CalendarNote = { uid: string | null; message: string }

export type Window = { from: number; to: number }

const dayMs = 24 * 60 * 60_000

/** The window Lull expands: the last 7 days (stats, the week view) and the next 14 (check-ins ahead). */
export function calendarWindow(now: number): Window {
  return { from: now - 7 * dayMs, to: now + 14 * dayMs }
}

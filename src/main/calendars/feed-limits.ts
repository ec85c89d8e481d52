// What Lull reads of a calendar before it parses anything: bounded in bytes
// and in events, so a 50 MB feed or a file of 100,000 events is refused
// with a note instead of freezing the app. The last good copy stays in use.

/** Bigger than any real person's calendar export (a busy Google calendar of ten years is a few MB). */
export const maxCalendarBytes = 20 * 1024 * 1024
/** Events (VEVENT blocks, overrides included) in one calendar. */
export const maxCalendarEvents = 50_000

/** Why a calendar could not be read this time; `message` says what happened and what to do. */
export type CalendarProblem = {
  kind:
    | 'unreachable'
    | 'unauthorized'
    | 'not-found'
    | 'too-large'
    | 'too-many-events'
    | 'not-icalendar'
    | 'http'
  message: string
}

/** How many events a text holds, counted without parsing. */
export function countEvents(text: string): number {
  let count = 0
  for (
    let index = text.indexOf('BEGIN:VEVENT');
    index !== -1;
    index = text.indexOf('BEGIN:VEVENT', index + 12)
  )
    count++
  return count
}

/** The problem with a text, if any, before it is parsed. */
export function checkCalendarText(text: string, name: string): CalendarProblem | null {
  if (!/BEGIN:VCALENDAR/i.test(text.slice(0, 4096)))
    return {
      kind: 'not-icalendar',
      message: `${name} did not answer with an iCalendar file. Check that the address is the calendar's iCal (.ics) address.`,
    }
  const events = countEvents(text)
  if (events > maxCalendarEvents)
    return {
      kind: 'too-many-events',
      message: `${name} has ${events.toLocaleString('en')} events, more than the ${maxCalendarEvents.toLocaleString('en')} Lull reads. The last copy that could be read is still used; a calendar of recent events only would fit.`,
    }
  return null
}

export function tooLarge(name: string): CalendarProblem {
  return {
    kind: 'too-large',
    message: `${name} is larger than ${maxCalendarBytes / 1024 / 1024} MB, so Lull did not read it. The last copy that could be read is still used.`,
  }
}

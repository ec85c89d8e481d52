// A calendar invitation (a text/calendar part, RFC 5545) as the lines a
// person needs to decide: what, when, who invites. A minimal line reader of
// the first VEVENT's SUMMARY, DTSTART and ORGANIZER, with folded lines
// unfolded; times are shown as written (with their zone), not converted.
import { cleanName } from '../../../shared/display-text'

/** An invitation is a few kilobytes; past this only the start is read. */
const calendarCharLimit = 64 * 1024

export type CalendarEvent = {
  /** The calendar's METHOD (REQUEST, CANCEL, REPLY …), upper case, when it says one. */
  method?: string
  summary?: string
  start?: string
  organizer?: string
}

type Property = { name: string; params: Map<string, string>; value: string }

/** `NAME;PARAM=a;PARAM2="b;c":value`, split where RFC 5545 splits it: outside quotes. */
function propertyOf(line: string): Property | null {
  let isQuoted = false
  let colon = -1
  for (let at = 0; at < line.length; at++) {
    const character = line[at]
    if (character === '"') isQuoted = !isQuoted
    else if (character === ':' && !isQuoted) {
      colon = at
      break
    }
  }
  if (colon <= 0) return null
  const head = line.slice(0, colon)
  const parts = head.match(/(?:[^;"]|"[^"]*")+/g) ?? []
  const [name = '', ...rest] = parts
  const params = new Map<string, string>()
  for (const part of rest) {
    const equals = part.indexOf('=')
    if (equals > 0)
      params.set(part.slice(0, equals).toUpperCase(), part.slice(equals + 1).replace(/^"|"$/g, ''))
  }
  return { name: name.toUpperCase(), params, value: line.slice(colon + 1) }
}

/** A TEXT value as written: \n a line break, \, \; \\ the character itself. */
function unescapeText(value: string): string {
  return value.replace(/\\([nN,;\\])/g, (_, escaped: string) =>
    escaped.toLowerCase() === 'n' ? '\n' : escaped,
  )
}

/** 20261124T100000Z as "2026-11-24 10:00 UTC", with TZID as "(Europe/Berlin)", a DATE as the day. */
function describeStart(property: Property): string {
  const value = property.value.trim()
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(Z)?)?$/.exec(value)
  if (!match) return value
  const [, year, month, day, hour, minute, , isUtc] = match
  const date = `${year}-${month}-${day}`
  if (hour === undefined) return date
  const zone = isUtc ? ' UTC' : property.params.has('TZID') ? ` (${property.params.get('TZID')})` : ''
  return `${date} ${hour}:${minute}${zone}`
}

/** "Ada Lovelace <ada@example.test>" from CN and a mailto: address. */
function describeOrganizer(property: Property): string {
  const address = property.value.trim().replace(/^mailto:/i, '')
  const name = cleanName(property.params.get('CN') ?? '').trim()
  if (name && address) return `${name} <${address}>`
  return name || address
}

/** The first VEVENT of a calendar, or null when it holds none. */
export function readCalendarEvent(text: string): CalendarEvent | null {
  const unfolded = text.slice(0, calendarCharLimit).replace(/\r?\n[ \t]/g, '')
  const event: CalendarEvent = {}
  let isInEvent = false
  let hasEvent = false
  for (const line of unfolded.split(/\r?\n/)) {
    const property = propertyOf(line)
    if (!property) continue
    const value = property.value.trim()
    if (property.name === 'BEGIN' && value.toUpperCase() === 'VEVENT') {
      if (hasEvent) break
      isInEvent = true
      hasEvent = true
    } else if (property.name === 'END' && value.toUpperCase() === 'VEVENT') isInEvent = false
    else if (property.name === 'METHOD' && !isInEvent) event.method = value.toUpperCase()
    else if (isInEvent && property.name === 'SUMMARY') event.summary = unescapeText(value)
    else if (isInEvent && property.name === 'DTSTART') event.start = describeStart(property)
    else if (isInEvent && property.name === 'ORGANIZER') event.organizer = describeOrganizer(property)
  }
  return hasEvent ? event : null
}

const methodWords: Record<string, string> = {
  REQUEST: 'Invitation',
  CANCEL: 'Cancelled',
  REPLY: 'Reply to an invitation',
  COUNTER: 'New time proposed',
}

/** The event as an item's text: what, when, who invites. */
export function describeEvent(event: CalendarEvent): string {
  const what = methodWords[event.method ?? ''] ?? 'Event'
  return [
    `${what}: ${event.summary?.trim() || '(no title)'}`,
    ...(event.start ? [`When: ${event.start}`] : []),
    ...(event.organizer ? [`Organizer: ${event.organizer}`] : []),
  ].join('\n')
}

// One iCalendar text to the occurrences inside a window. ical.js parses and
// expands recurrence (RRULE, RDATE, EXDATE, RECURRENCE-ID overrides); this
// module decides what an occurrence means for the person (cancelled or
// declined ones are dropped) and keeps going past anything it cannot read,
// noting it, so one broken event never costs the rest of the calendar.
import ICAL from 'ical.js'
import { instantOf, readingOf } from './instant'
import type { CalendarNote, CalendarOccurrence, CalendarShowAs, Window } from './occurrence'

export type ExpandOptions = {
  calendarId: string
  window: Window
  /** The person's zone: floating times and all-day dates are read in it. */
  zone: string
  /** The person's addresses, to find their PARTSTAT among the attendees. */
  personEmails: readonly string[]
  /** A series is expanded at most this many steps from its start (a guard against minutely rules). */
  maxStepsPerSeries?: number
}

export type Expansion = { occurrences: CalendarOccurrence[]; notes: CalendarNote[] }

type Context = {
  options: ExpandOptions
  emails: Set<string>
  out: CalendarOccurrence[]
  note: (uid: string | null, message: string) => void
  unknownZones: Set<string>
}

const hourMs = 60 * 60_000
/** Wall time is within this much of UTC anywhere (offsets run from -12 to +14). */
const offsetMarginMs = 15 * hourMs
const defaultMaxSteps = 50_000
const maxNotes = 50

export function expandCalendar(text: string, options: ExpandOptions): Expansion {
  const notes: CalendarNote[] = []
  const note = (uid: string | null, message: string) => {
    if (notes.length < maxNotes) notes.push({ uid, message })
  }
  const events = readEvents(text, note)
  const emails = new Set(options.personEmails.map((email) => `mailto:${email.trim().toLowerCase()}`))
  const occurrences: CalendarOccurrence[] = []
  const unknownZones = new Set<string>()
  const context: Context = { options, emails, out: occurrences, note, unknownZones }
  for (const [uid, group] of groupByUid(events)) {
    try {
      expandSeries(uid, group, context)
    } catch (error) {
      note(uid, `“${titleOf(group[0])}” could not be read and was left out (${messageOf(error)}).`)
    }
  }
  for (const tzid of unknownZones)
    note(
      null,
      `The time zone “${tzid}” is unknown and has no VTIMEZONE; its times were read in ${options.zone}.`,
    )
  occurrences.sort((a, b) => a.start - b.start || a.id.localeCompare(b.id))
  return { occurrences, notes }
}

/** The VEVENTs of the text; a file that fails as a whole is read one event at a time. */
function readEvents(text: string, note: (uid: string | null, message: string) => void): ICAL.Component[] {
  try {
    return new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent')
  } catch (error) {
    note(
      null,
      `The calendar file is not valid iCalendar as a whole (${messageOf(error)}); read event by event.`,
    )
  }
  const zones = text.match(/BEGIN:VTIMEZONE[\s\S]*?END:VTIMEZONE\r?\n/g) ?? []
  const events: ICAL.Component[] = []
  for (const block of text.match(/BEGIN:VEVENT[\s\S]*?END:VEVENT/g) ?? []) {
    try {
      const wrapped = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\n${zones.join('')}${block}\r\nEND:VCALENDAR\r\n`
      events.push(...new ICAL.Component(ICAL.parse(wrapped)).getAllSubcomponents('vevent'))
    } catch (error) {
      const uid = /\nUID:(.*)/.exec(block)?.[1]?.trim() ?? null
      note(uid, `An event could not be read and was left out (${messageOf(error)}).`)
    }
  }
  return events
}

function groupByUid(events: ICAL.Component[]): Map<string, ICAL.Component[]> {
  const groups = new Map<string, ICAL.Component[]>()
  events.forEach((event, index) => {
    const uid = String(event.getFirstPropertyValue('uid') ?? `no-uid-${index}`)
    const group = groups.get(uid)
    if (group) group.push(event)
    else groups.set(uid, [event])
  })
  return groups
}

function expandSeries(uid: string, group: ICAL.Component[], context: Context): void {
  const { options, note } = context
  if (group.length === 1 && group[0] && isSurelyOutside(group[0], options.window)) return
  const master = group.find((component) => !component.hasProperty('recurrence-id'))
  const exceptions = group.filter((component) => component !== master)
  if (!master) {
    // Overrides without their series (a shared single occurrence): each is an event of its own.
    for (const exception of exceptions) addSingle(new ICAL.Event(exception), uid, context)
    return
  }
  const everyYears = readYearlyMonthDaysMonthly(master)
  const event = new ICAL.Event(master, { strictExceptions: true, exceptions })
  if (!event.isRecurring()) {
    addSingle(event, uid, context)
    return
  }
  if (isCancelled(event)) return
  const { from, to } = options.window
  const durationMs = Math.max(0, event.duration.toSeconds() * 1000)
  const visited = new Set<string>()
  const dayGuard = ruleDayGuard(master, everyYears)
  const iterator = event.iterator(fastForwardStart(event, master, from, durationMs, context))
  const ownCount = dayGuard ? countOwnRepeats(master) : null
  const maxSteps = options.maxStepsPerSeries ?? defaultMaxSteps
  const seen = new Set<string>()
  let steps = 0
  for (let next = iterator.next(); next; next = iterator.next()) {
    if (++steps > maxSteps) {
      note(uid, `“${event.summary}” repeats too often; only its first ${maxSteps} times were read.`)
      break
    }
    const wall = wallMs(next)
    if (wall - offsetMarginMs > to) break
    const id = next.toString()
    // A recurrence set is a set: ical.js can yield a day twice (BYMONTHDAY=-1,1 at UNTIL).
    if ((dayGuard && !dayGuard(next)) || seen.has(id)) continue
    seen.add(id)
    if (ownCount !== null && seen.size > ownCount) break
    if (wall + offsetMarginMs + durationMs + 24 * hourMs < from && !(id in event.exceptions)) continue
    const details = event.getOccurrenceDetails(next)
    visited.add(id)
    const recurrenceAt = timeAt(details.recurrenceId, master, 'dtstart', context)
    addOccurrence(details.item, details.startDate, details.endDate, uid, recurrenceAt, context)
  }
  // An override can move an occurrence from outside the window into it.
  for (const [id, exception] of Object.entries(event.exceptions)) {
    if (visited.has(id)) continue
    const recurrenceAt = timeAt(exception.recurrenceId, exception.component, 'recurrence-id', context)
    addOccurrence(exception, exception.startDate, exception.endDate, uid, recurrenceAt, context)
  }
}

/**
 * With the day guard skipping days ical.js made up, ical.js's COUNT would
 * count them; so the guarded loop counts instead. EXDATE removes days after
 * counting (RFC 5545), which the loop cannot see: such a series keeps
 * ical.js's count.
 */
function countOwnRepeats(master: ICAL.Component): number | null {
  if (master.hasProperty('exdate')) return null
  const rule = master.getFirstPropertyValue('rrule')
  if (!(rule instanceof ICAL.Recur) || !rule.count) return null
  const count = rule.count
  rule.count = null
  return count
}

/**
 * Two repairs before ical.js expands a rule. It expects BYMONTH in order.
 * And it loses days of a yearly rule with BYMONTH and a negative
 * BYMONTHDAY after its first year (BYMONTH=6;BYMONTHDAY=-1 skips June 30th
 * 2026, and INTERVAL=2 starts a year late). Every n years, those months on
 * those days, is every month limited to those months, in every nth year:
 * so such a rule is read as monthly, and the day guard keeps the years.
 */
function readYearlyMonthDaysMonthly(master: ICAL.Component): number {
  let everyYears = 1
  for (const property of master.getAllProperties('rrule')) {
    const rule = property.getFirstValue()
    if (!(rule instanceof ICAL.Recur)) continue
    // The order of a BY list does not matter (RFC 5545), but ical.js expects months in order.
    if (Array.isArray(rule.parts.BYMONTH)) rule.parts.BYMONTH = [...rule.parts.BYMONTH].sort((a, b) => a - b)
    if (rule.freq !== 'YEARLY') continue
    const parts = Object.keys(rule.parts)
    if (parts.length === 2 && parts.includes('BYMONTH') && parts.includes('BYMONTHDAY')) {
      everyYears = rule.interval
      rule.freq = 'MONTHLY'
      rule.interval = 1
    }
  }
  return everyYears
}

/**
 * ical.js rolls a day a month lacks into the next month (BYMONTH=4 with
 * BYMONTHDAY=31 gives May 1st); RFC 5545 says such a day does not happen.
 * For a series made of one RRULE alone, a start whose month or day the
 * rule does not allow is skipped. DTSTART itself always counts.
 */
function ruleDayGuard(master: ICAL.Component, everyYears: number): ((time: ICAL.Time) => boolean) | null {
  const rules = master.getAllProperties('rrule')
  if (rules.length !== 1 || master.hasProperty('rdate')) return null
  const rule = rules[0]?.getFirstValue()
  if (!(rule instanceof ICAL.Recur)) return null
  const months = rule.parts.BYMONTH as number[] | undefined
  const monthDays = rule.parts.BYMONTHDAY as number[] | undefined
  if (!months && !monthDays) return null
  const start = master.getFirstPropertyValue('dtstart')
  const startText = start instanceof ICAL.Time ? start.toString() : ''
  const startYear = start instanceof ICAL.Time ? start.year : 0
  return (time) => {
    if (time.toString() === startText) return true
    if ((time.year - startYear) % everyYears !== 0) return false
    if (months && !months.includes(time.month)) return false
    if (!monthDays) return true
    const length = ICAL.Time.daysInMonth(time.month, time.year)
    return monthDays.some((day) => (day > 0 ? day === time.day : length + day + 1 === time.day))
  }
}

/**
 * A later start for the iterator of a long-running daily or weekly series
 * without COUNT, a whole number of its periods after DTSTART, so that years
 * of past repeats are not stepped through one by one. The new start lies
 * well before the window: the iterator always yields its start, which the
 * rule may not match, and the window filter drops it.
 */
function fastForwardStart(
  event: ICAL.Event,
  master: ICAL.Component,
  from: number,
  durationMs: number,
  context: Context,
): ICAL.Time | undefined {
  const rules = master.getAllProperties('rrule')
  if (rules.length !== 1 || master.hasProperty('rdate')) return undefined
  const rule = rules[0]?.getFirstValue()
  if (!(rule instanceof ICAL.Recur) || rule.count) return undefined
  const start = timeAt(event.startDate, master, 'dtstart', context)
  const gapDays = Math.floor((from - start - durationMs - offsetMarginMs) / (24 * hourMs)) - 2
  if (rule.freq === 'MONTHLY') return monthlyStart(event.startDate, rule, gapDays)
  const periodDays = rule.freq === 'DAILY' ? rule.interval : rule.freq === 'WEEKLY' ? 7 * rule.interval : 0
  if (periodDays <= 0) return undefined
  const periods = Math.floor(gapDays / periodDays)
  if (periods < 1) return undefined
  const later = event.startDate.clone()
  later.adjust(periods * periodDays, 0, 0, 0)
  return later
}

/**
 * The monthly case: whole intervals of months. With BYDAY or BYMONTHDAY the
 * day of DTSTART does not choose the days, so the new start is the 1st;
 * otherwise it keeps its day, which every month has up to the 28th.
 */
function monthlyStart(start: ICAL.Time, rule: ICAL.Recur, gapDays: number): ICAL.Time | undefined {
  const isDayChosenByRule = Boolean(rule.parts.BYDAY || rule.parts.BYMONTHDAY)
  if (!isDayChosenByRule && start.day > 28) return undefined
  // A month is at least 28 days, so this many months never passes the window.
  const periods = Math.floor(Math.floor(gapDays / 31) / rule.interval)
  if (periods < 1) return undefined
  const later = start.clone()
  let months = later.year * 12 + later.month - 1 + periods * rule.interval
  // ical.js stops a rule with UNTIL early when its start is in a month BYMONTH leaves out.
  const allowed = rule.parts.BYMONTH as number[] | undefined
  for (let back = 0; allowed && !allowed.includes((months % 12) + 1) && back < 12; back++)
    months -= rule.interval
  if (allowed && !allowed.includes((months % 12) + 1)) return undefined
  if (months <= later.year * 12 + later.month - 1) return undefined
  if (isDayChosenByRule) later.day = 1
  later.year = Math.floor(months / 12)
  later.month = (months % 12) + 1
  return later
}

/**
 * Whether a one-off event lies far outside the window, judged from the raw
 * text of its DTSTART and DTEND before ical.js builds anything: a long
 * export is mostly history, and most of its events stop here.
 */
function isSurelyOutside(component: ICAL.Component, window: Window): boolean {
  let start: number | null = null
  let end: number | null = null
  for (const property of component.jCal[1] as unknown[][]) {
    const name = property[0]
    if (name === 'rrule' || name === 'rdate' || name === 'duration') return false
    if (name === 'dtstart') start = rawWallMs(property[3])
    if (name === 'dtend') end = rawWallMs(property[3])
  }
  if (start === null) return false
  const margin = offsetMarginMs + 24 * hourMs
  return start - margin > window.to || (end ?? start) + margin < window.from
}

/** "2026-03-02T10:00:00" or "2026-03-02" as if it were UTC; null for anything else. */
function rawWallMs(value: unknown): number | null {
  if (typeof value !== 'string' || value.length < 10) return null
  const at = Date.UTC(
    Number(value.slice(0, 4)),
    Number(value.slice(5, 7)) - 1,
    Number(value.slice(8, 10)),
    Number(value.slice(11, 13) || 0),
    Number(value.slice(14, 16) || 0),
  )
  return Number.isNaN(at) ? null : at
}

function addSingle(event: ICAL.Event, uid: string, context: Context): void {
  const start = timeAt(event.startDate, event.component, 'dtstart', context)
  addOccurrence(event, event.startDate, event.endDate, uid, start, context)
}

function addOccurrence(
  item: ICAL.Event,
  startTime: ICAL.Time,
  endTime: ICAL.Time,
  uid: string,
  recurrenceAt: number,
  context: Context,
): void {
  const { options, out } = context
  const { from, to } = options.window
  // Wall time is within a day of the instant: most events of a long export end here, unconverted.
  if (wallMs(startTime) - offsetMarginMs > to || wallMs(endTime) + offsetMarginMs + 24 * hourMs < from) return
  if (isCancelled(item) || hasDeclined(item, context.emails)) return
  const start = timeAt(startTime, item.component, 'dtstart', context)
  const endProperty = item.component.hasProperty('dtend') ? 'dtend' : 'dtstart'
  const end = Math.max(start, timeAt(endTime, item.component, endProperty, context))
  // An instant event (no length) counts where it starts.
  if (!(start < to && (end > from || (end === start && start >= from)))) return
  out.push({
    id: `${options.calendarId}:${uid}:${recurrenceAt}`,
    calendarId: options.calendarId,
    title: titleOf(item.component),
    categories: categoriesOf(item.component),
    start,
    end,
    isAllDay: startTime.isDate,
    showAs: showAsOf(item.component),
  })
}

/** The instant of `time`, read with the TZID of `component`'s `property`. */
function timeAt(time: ICAL.Time, component: ICAL.Component, property: string, context: Context): number {
  const parameter = component.getFirstProperty(property)?.getParameter('tzid')
  const tzid = typeof parameter === 'string' ? parameter : null
  const reading = readingOf(time, tzid)
  if (reading === 'unknown' && tzid !== null) context.unknownZones.add(tzid)
  return instantOf(time, reading, tzid, context.options.zone)
}

function wallMs(time: ICAL.Time): number {
  return Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second)
}

function isCancelled(event: ICAL.Event): boolean {
  return String(event.component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED'
}

/** Whether the person is among the attendees and said no. */
function hasDeclined(event: ICAL.Event, emails: Set<string>): boolean {
  if (emails.size === 0) return false
  for (const attendee of event.component.getAllProperties('attendee')) {
    const address = String(attendee.getFirstValue() ?? '').toLowerCase()
    if (!emails.has(address)) continue
    return String(attendee.getParameter('partstat') ?? '').toUpperCase() === 'DECLINED'
  }
  return false
}

/** TRANSP and Outlook's busy status; Outlook's "out of office" is the only marking of absence. */
function showAsOf(component: ICAL.Component): CalendarShowAs {
  const status = String(
    component.getFirstPropertyValue('x-microsoft-cdo-busystatus') ??
      component.getFirstPropertyValue('x-microsoft-cdo-intendedstatus') ??
      '',
  ).toUpperCase()
  if (status === 'OOF') return 'away'
  if (status === 'FREE') return 'free'
  if (status === 'BUSY' || status === 'TENTATIVE') return 'busy'
  const transp = String(component.getFirstPropertyValue('transp') ?? '').toUpperCase()
  return transp === 'TRANSPARENT' ? 'free' : 'busy'
}

function titleOf(component: ICAL.Component | undefined): string {
  const summary = component?.getFirstPropertyValue('summary')
  return (typeof summary === 'string' ? summary.trim() : '').slice(0, 512) || '(no title)'
}

function categoriesOf(component: ICAL.Component): string[] {
  const categories: string[] = []
  for (const property of component.getAllProperties('categories'))
    for (const value of property.getValues())
      if (typeof value === 'string') categories.push(value.slice(0, 128))
  return categories.slice(0, 32)
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 200)
}

// A CalDAV account (iCloud, Fastmail, Nextcloud, Radicale) through tsdav:
// discovery, the list of calendars, and each calendar's events, asked for
// again only when its ctag changed. Read only: Lull never writes to it.
import { createDAVClient, type DAVCalendar } from 'tsdav'
import type { Fetch } from '../net'
import {
  type CalendarProblem,
  countEvents,
  maxCalendarBytes,
  maxCalendarEvents,
  tooLarge,
} from './feed-limits'

export type CalDavLogin = { serverUrl: string; user: string; password: string; fetch: Fetch }
export type CalDavCalendar = { url: string; name: string; ctag: string | null }

export type CalDavResult =
  | { kind: 'unchanged' }
  | { kind: 'fetched'; texts: string[]; ctag: string | null }
  | { kind: 'failed'; problem: CalendarProblem }

type Client = Awaited<ReturnType<typeof createDAVClient>>

/** Discovery and login; a 401 anywhere becomes "unauthorized", anything else "unreachable". */
async function connect(login: CalDavLogin): Promise<{ client: Client } | { problem: CalendarProblem }> {
  const host = URL.canParse(login.serverUrl) ? new URL(login.serverUrl).host : login.serverUrl
  let lastStatus = 0
  const countingFetch: Fetch = async (input, init) => {
    const response = await login.fetch(input, { ...init, signal: AbortSignal.timeout(30_000) })
    lastStatus = response.status
    return response
  }
  try {
    const client = await createDAVClient({
      serverUrl: login.serverUrl,
      credentials: { username: login.user, password: login.password },
      authMethod: 'Basic',
      defaultAccountType: 'caldav',
      fetch: countingFetch,
    })
    return { client }
  } catch (error) {
    return { problem: problemOf(error, lastStatus, host) }
  }
}

function problemOf(error: unknown, status: number, host: string): CalendarProblem {
  if (status === 401 || status === 403)
    return {
      kind: 'unauthorized',
      message: `The CalDAV server at ${host} refused the user name or password (${status}). iCloud and Fastmail need an app-specific password.`,
    }
  const detail = error instanceof Error ? error.message : String(error)
  return {
    kind: 'unreachable',
    message: `The CalDAV server at ${host} could not be reached or read (${detail.slice(0, 160)}). Lull tries again later.`,
  }
}

function nameOf(calendar: DAVCalendar): string {
  const name = calendar.displayName
  return typeof name === 'string' && name.trim() ? name.trim() : new URL(calendar.url).pathname
}

/** The account's calendars that hold events (task lists left out). */
export async function listCalDavCalendars(
  login: CalDavLogin,
): Promise<{ calendars: CalDavCalendar[] } | { problem: CalendarProblem }> {
  const connected = await connect(login)
  if ('problem' in connected) return connected
  try {
    const calendars = await connected.client.fetchCalendars()
    return {
      calendars: calendars
        .filter((calendar) => !calendar.components || calendar.components.includes('VEVENT'))
        .map((calendar) => ({ url: calendar.url, name: nameOf(calendar), ctag: calendar.ctag ?? null })),
    }
  } catch (error) {
    return { problem: problemOf(error, 0, new URL(login.serverUrl).host) }
  }
}

/** One calendar's events as iCalendar texts, or 'unchanged' when its ctag is the one given. */
export async function fetchCalDavCalendar(
  login: CalDavLogin,
  calendarUrl: string,
  previousCtag: string | null,
): Promise<CalDavResult> {
  const connected = await connect(login)
  if ('problem' in connected) return { kind: 'failed', problem: connected.problem }
  const host = new URL(login.serverUrl).host
  try {
    const calendars = await connected.client.fetchCalendars()
    const calendar = calendars.find((candidate) => sameUrl(candidate.url, calendarUrl))
    if (!calendar)
      return {
        kind: 'failed',
        problem: {
          kind: 'not-found',
          message: `The calendar is no longer on the CalDAV server at ${host}. Pick the calendars again.`,
        },
      }
    const ctag = calendar.ctag ?? null
    if (ctag !== null && ctag === previousCtag) return { kind: 'unchanged' }
    const objects = await connected.client.fetchCalendarObjects({ calendar })
    const texts = objects
      .map((object) => (typeof object.data === 'string' ? object.data : ''))
      .filter(Boolean)
    const bytes = texts.reduce((sum, text) => sum + text.length, 0)
    if (bytes > maxCalendarBytes)
      return { kind: 'failed', problem: tooLarge(`The calendar ${nameOf(calendar)}`) }
    const events = texts.reduce((sum, text) => sum + countEvents(text), 0)
    if (events > maxCalendarEvents)
      return {
        kind: 'failed',
        problem: {
          kind: 'too-many-events',
          message: `The calendar ${nameOf(calendar)} has ${events} events, more than the ${maxCalendarEvents} Lull reads. The last copy that could be read is still used.`,
        },
      }
    return { kind: 'fetched', texts, ctag }
  } catch (error) {
    return { kind: 'failed', problem: problemOf(error, 0, host) }
  }
}

function sameUrl(a: string, b: string): boolean {
  const trim = (url: string) => url.replace(/\/+$/, '')
  return trim(a) === trim(b)
}

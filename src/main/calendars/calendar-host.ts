// The calendar calls of the host contract. A calendar account's address,
// file path or CalDAV sign-in goes into the vault and stays in main; the
// renderer keeps only the account id, a label and the calendars' names.
import { basename } from 'node:path'
import { type CallRequest, type CallResponse, HostError } from '../../shared/contract'
import type { Fetch } from '../net'
import type { Credentials, Vault } from '../vault'
import { listCalDavCalendars } from './caldav'
import { CalendarReader, type CalendarSource } from './calendar-reader'
import { feedUrl, fetchFeed } from './ics-feed'
import { readCalendarFile } from './ics-file'

export type CalendarHostDeps = { vault: Vault; fetch: Fetch; newId: () => string }

export function createCalendarHandlers(deps: CalendarHostDeps) {
  const reader = new CalendarReader(deps.fetch)

  async function connect(
    request: CallRequest<'calendar:connect'>,
  ): Promise<CallResponse<'calendar:connect'>> {
    const accountId = `calendar-${deps.newId()}`
    if (request.kind === 'ics-url') {
      let url: URL
      try {
        url = feedUrl(request.url)
      } catch (error) {
        throw new HostError('invalid-request', error instanceof Error ? error.message : String(error))
      }
      const basicAuth =
        request.user && request.password ? { user: request.user, password: request.password } : undefined
      const first = await fetchFeed({ url: url.href, fetch: deps.fetch, ...(basicAuth ? { basicAuth } : {}) })
      if (first.kind === 'failed')
        throw new HostError(
          first.problem.kind === 'unauthorized' ? 'bad-credentials' : 'source-unreachable',
          first.problem.message,
        )
      await deps.vault.put(accountId, {
        calendarUrl: url.href,
        ...(basicAuth ? { user: basicAuth.user, password: basicAuth.password } : {}),
      })
      return { accountId, label: url.host, calendars: [{ key: accountId, name: url.host }] }
    }
    if (request.kind === 'ics-file') {
      const first = await readCalendarFile(request.path)
      if (first.kind === 'failed') throw new HostError('source-junk', first.problem.message)
      await deps.vault.put(accountId, { calendarPath: request.path })
      const name = basename(request.path)
      return { accountId, label: name, calendars: [{ key: accountId, name }] }
    }
    const listed = await listCalDavCalendars({
      serverUrl: request.serverUrl,
      user: request.user,
      password: request.password,
      fetch: deps.fetch,
    })
    if ('problem' in listed)
      throw new HostError(
        listed.problem.kind === 'unauthorized' ? 'bad-credentials' : 'source-unreachable',
        listed.problem.message,
      )
    await deps.vault.put(accountId, {
      baseUrl: request.serverUrl,
      user: request.user,
      password: request.password,
    })
    return {
      accountId,
      label: `${request.user} (${new URL(request.serverUrl).host})`,
      calendars: listed.calendars.map((calendar) => ({
        key: calendar.url,
        name: calendar.name.slice(0, 256),
      })),
    }
  }

  function sourceOf(credentials: Credentials, calendarKey: string): CalendarSource {
    if (credentials.calendarUrl) return { kind: 'ics-url', url: credentials.calendarUrl }
    if (credentials.calendarPath) return { kind: 'ics-file', path: credentials.calendarPath }
    if (credentials.baseUrl)
      return { kind: 'caldav', serverUrl: credentials.baseUrl, calendarUrl: calendarKey }
    throw new HostError('unknown-account', 'This calendar has no address saved. Remove it and add it again.')
  }

  return {
    'calendar:connect': connect,
    async 'calendar:read'(request: CallRequest<'calendar:read'>): Promise<CallResponse<'calendar:read'>> {
      const credentials = await deps.vault.get(request.accountId)
      if (!credentials)
        throw new HostError('unknown-account', 'This calendar’s sign-in is gone. Add the calendar again.')
      const source = sourceOf(credentials, request.calendarKey)
      // A CalDAV calendar must live on the account's own server: its sign-in goes nowhere else.
      if (
        source.kind === 'caldav' &&
        new URL(source.calendarUrl, source.serverUrl).origin !== new URL(source.serverUrl).origin
      )
        throw new HostError('refused', 'That calendar is not on this account’s server.')
      const read = await reader.read({
        calendarId: `${request.accountId}:${request.calendarKey}`.slice(0, 256),
        source,
        secret: {
          ...(credentials.user ? { user: credentials.user } : {}),
          ...(credentials.password ? { password: credentials.password } : {}),
        },
        window: request.window,
        zone: request.zone,
        personEmails: request.personEmails,
      })
      return { ...read, occurrences: read.occurrences.slice(0, 20_000) }
    },
    async 'calendar:disconnect'({
      accountId,
    }: CallRequest<'calendar:disconnect'>): Promise<CallResponse<'calendar:disconnect'>> {
      await deps.vault.remove(accountId)
      return {}
    },
  }
}

// An ICS subscription (Google's secret iCal address, Outlook's published
// calendar, any webcal:// link) fetched conditionally: with the ETag and
// Last-Modified of the last good copy, an unchanged calendar costs a 304.
// The body is read up to the size limit and no further.
import { type Fetch, readAtMost } from '../net'
import { type CalendarProblem, checkCalendarText, maxCalendarBytes, tooLarge } from './feed-limits'

export type FeedValidators = { etag?: string; lastModified?: string }

export type FeedResult =
  | { kind: 'unchanged' }
  | { kind: 'fetched'; text: string; validators: FeedValidators }
  | { kind: 'failed'; problem: CalendarProblem }

export type FeedRequest = {
  url: string
  fetch: Fetch
  /** The validators of the copy in hand; without a copy, ask unconditionally. */
  validators?: FeedValidators
  /** For a feed behind HTTP Basic auth; sent to the feed's own origin only (redirects are not followed with it). */
  basicAuth?: { user: string; password: string }
  timeoutMs?: number
}

/** webcal:// is an https address that asks for a calendar app; http stays http only on loopback. */
export function feedUrl(address: string): URL {
  const url = new URL(address.trim().replace(/^webcals?:\/\//i, 'https://'))
  const isLoopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]'
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback))
    throw new Error('A calendar address must start with https:// or webcal://.')
  return url
}

export async function fetchFeed(request: FeedRequest): Promise<FeedResult> {
  const url = feedUrl(request.url)
  const name = `The calendar at ${url.host}`
  const headers: Record<string, string> = { accept: 'text/calendar, */*;q=0.5' }
  if (request.validators?.etag) headers['if-none-match'] = request.validators.etag
  if (request.validators?.lastModified) headers['if-modified-since'] = request.validators.lastModified
  if (request.basicAuth)
    headers.authorization = `Basic ${Buffer.from(`${request.basicAuth.user}:${request.basicAuth.password}`).toString('base64')}`
  let response: Response
  try {
    response = await request.fetch(url, {
      headers,
      redirect: request.basicAuth ? 'manual' : 'follow',
      signal: AbortSignal.timeout(request.timeoutMs ?? 30_000),
    })
  } catch (error) {
    return failed(
      'unreachable',
      `${name} could not be reached (${messageOf(error)}). Lull tries again later.`,
    )
  }
  if (response.status === 304) {
    await response.body?.cancel()
    return { kind: 'unchanged' }
  }
  if (response.status === 401 || response.status === 403) {
    await response.body?.cancel()
    return failed(
      'unauthorized',
      `${name} refused access (${response.status}). The address may have been reset: copy it again from your calendar's settings.`,
    )
  }
  if (response.status === 404 || response.status === 410) {
    await response.body?.cancel()
    return failed(
      'not-found',
      `${name} is gone (${response.status}). Copy the address again from your calendar's settings.`,
    )
  }
  if (!response.ok) {
    await response.body?.cancel()
    return failed('http', `${name} answered ${response.status}. Lull tries again later.`)
  }
  const body = await readAtMost(response, maxCalendarBytes)
  if (body === null) return { kind: 'failed', problem: tooLarge(name) }
  const text = new TextDecoder().decode(body)
  const problem = checkCalendarText(text, name)
  if (problem) return { kind: 'failed', problem }
  const validators: FeedValidators = {}
  const etag = response.headers.get('etag')
  const lastModified = response.headers.get('last-modified')
  if (etag) validators.etag = etag
  if (lastModified) validators.lastModified = lastModified
  return { kind: 'fetched', text, validators }
}

function failed(kind: CalendarProblem['kind'], message: string): FeedResult {
  return { kind: 'failed', problem: { kind, message } }
}

function messageOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : ''
  return `${error instanceof Error ? error.message : String(error)}${cause}`.slice(0, 200)
}

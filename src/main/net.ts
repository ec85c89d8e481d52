// HTTP for sources: a fetch that goes through the app's network stack (in
// the desktop app Electron's, so the system proxy and certificates apply)
// and counts every request in the ledger by account, method and result.
import { z } from 'zod'
import type { RequestResult } from '../shared/contract'
import type { Ledger } from './sources/ledger'
import type { SourceContext } from './sources/source'

export type Fetch = typeof globalThis.fetch
/** Names a request for the ledger; keep names few (fold ids) so the ledger stays small. */
export type MethodOf = (url: URL, httpMethod: string) => string

export type SourceFetchOptions = {
  baseFetch: Fetch
  ledger: Ledger
  accountId: string
  methodOf?: MethodOf
}

/** A Slack Web API method: `/api/conversations.history`, under any host (emulators included). */
const slackMethodPath = /^\/api\/([A-Za-z]+(?:\.[A-Za-z]+)+)$/

/** Path parts that are ids, not names: numbers, commit SHAs, UUIDs. */
function isIdSegment(segment: string): boolean {
  return (
    /^\d+$/.test(segment) ||
    (/^[0-9a-f]{7,64}$/i.test(segment) && /\d/.test(segment)) ||
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment)
  )
}

/** The path with ids folded to `{id}` and without a trailing slash; the query never counts. */
export function foldPath(pathname: string): string {
  const folded = pathname
    .split('/')
    .map((segment) => (isIdSegment(segment) ? '{id}' : segment))
    .join('/')
  return folded.length > 1 && folded.endsWith('/') ? folded.slice(0, -1) : folded
}

/** Slack's method name for its Web API, otherwise the HTTP method and the folded path (GitHub's own docs name calls so). */
export function defaultMethodOf(url: URL, httpMethod: string): string {
  const slack = slackMethodPath.exec(url.pathname)
  if (slack?.[1]) return slack[1]
  return `${httpMethod.toUpperCase()} ${foldPath(url.pathname)}`
}

/**
 * The result by status. GitHub answers its rate limits with 403 as well as
 * 429: with `x-ratelimit-remaining: 0` (primary) or `retry-after` (secondary).
 */
export function resultOfStatus(status: number, headers?: Headers): RequestResult {
  if (status === 304) return 'not-modified'
  if (status === 429) return 'rate-limited'
  if (status === 403 && (headers?.get('x-ratelimit-remaining') === '0' || headers?.has('retry-after')))
    return 'rate-limited'
  if (status >= 200 && status < 300) return 'ok'
  return 'error'
}

const SlackAnswer = z.object({ ok: z.boolean(), error: z.string().optional() })

/** Slack answers its errors with HTTP 200 and `{ ok: false, error }`; null when the body is not Slack's shape. */
export function resultOfSlackAnswer(body: unknown): RequestResult | null {
  const answer = SlackAnswer.safeParse(body)
  if (!answer.success) return null
  if (answer.data.ok) return 'ok'
  return answer.data.error === 'ratelimited' || answer.data.error === 'rate_limited'
    ? 'rate-limited'
    : 'error'
}

function requestOf(input: string | URL | Request, init?: RequestInit): { url: URL | null; method: string } {
  const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
  const method = init?.method ?? (typeof input === 'object' && 'method' in input ? input.method : 'GET')
  // A URL fetch cannot parse still gets counted (as the error it becomes), under one name.
  return { url: URL.canParse(href) ? new URL(href) : null, method: method.toUpperCase() }
}

async function resultOf(response: Response, isSlackCall: boolean): Promise<RequestResult> {
  const byStatus = resultOfStatus(response.status, response.headers)
  const isJson = response.headers.get('content-type')?.includes('json') ?? false
  if (!isSlackCall || byStatus !== 'ok' || !isJson) return byStatus
  // Read a copy: the source reads the original. Slack's answers are small JSON.
  try {
    return resultOfSlackAnswer(await response.clone().json()) ?? byStatus
  } catch {
    return 'error'
  }
}

/** A fetch for one account's source that counts each request in the ledger; network errors count and are rethrown. */
export function createSourceFetch(options: SourceFetchOptions): Fetch {
  const { baseFetch, ledger, accountId } = options
  const methodOf = options.methodOf ?? defaultMethodOf
  return async (input, init) => {
    const { url, method: httpMethod } = requestOf(input, init)
    const method = url ? methodOf(url, httpMethod) : `${httpMethod} (unreadable URL)`
    let response: Response
    try {
      response = await baseFetch(input, init)
    } catch (error) {
      ledger.record(accountId, method, 'error')
      throw error
    }
    ledger.record(accountId, method, await resultOf(response, slackMethodPath.test(url?.pathname ?? '')))
    return response
  }
}

/** What the platform hands one account's source: the counting fetch, and the ledger for clients that do not use fetch. */
export function createSourceContext(options: SourceFetchOptions): SourceContext {
  return {
    fetch: createSourceFetch(options),
    record: (method, result) => options.ledger.record(options.accountId, method, result),
  }
}

/** A request's origin (scheme, host and port), or null when its URL does not parse. */
function originOf(input: string | URL | Request): string | null {
  const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
  return URL.canParse(href) ? new URL(href).origin : null
}

/** A request a source would have sent with its account's credentials to a server that is not the account's. */
export class ForeignOriginError extends Error {
  constructor(
    readonly url: string,
    readonly allowed: string,
  ) {
    super(
      `Lull did not send the account's sign-in to ${originOf(url) ?? 'an unreadable address'}: only ${allowed} may receive it. The answer that named that address was ignored.`,
    )
    this.name = 'ForeignOriginError'
  }
}

/**
 * The fetch a source sends its credentials through: every request must go to
 * the account's own API origin (scheme, host and port), or it is refused
 * before anything leaves, whatever the request carries. A link found in an
 * answer (a comment URL, a permalink, an avatar) never reaches another host
 * with the token, however it was built. Anything else a source fetches
 * without credentials goes through the plain context fetch.
 */
export function fetchOnlyTo(fetch: Fetch, origin: string): Fetch {
  const allowed = new URL(origin).origin
  return (input, init) => {
    if (originOf(input) !== allowed) {
      const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
      return Promise.reject(new ForeignOriginError(href, allowed))
    }
    return fetch(input, init)
  }
}

/**
 * The body, or null as soon as it passes `limit` bytes: a stated length over
 * the limit is refused unread, and a body that lies about its length (or
 * states none) is read only up to the limit and then cancelled.
 */
export async function readAtMost(response: Response, limit: number): Promise<Uint8Array | null> {
  const stated = Number(response.headers.get('content-length'))
  if (Number.isFinite(stated) && stated > limit) {
    await response.body?.cancel().catch(() => {})
    return null
  }
  if (!response.body) return new Uint8Array(0)
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.length
    if (size > limit) {
      await reader.cancel().catch(() => {})
      return null
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks)
}

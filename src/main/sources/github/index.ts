// The GitHub source: a person's notifications, pulled conditionally so an
// unchanged inbox costs a 304 (free against the rate limit), never sooner
// than GitHub's X-Poll-Interval; done and read written back; "busy" set as
// the person's status during focus. github.com or GitHub Enterprise Server.
import { type FocusStatus, HostError } from '../../../shared/contract'
import { fetchOnlyTo } from '../../net'
import type { Credentials } from '../../vault'
import type { Source, SourceFactory } from '../source'
import { githubPlace } from './base-url'
import { createGithubClient, type GithubClient } from './client'
import { createCommentReader } from './comments'
import { type CursorRun, isAtEdge, nextCursor, readCursor } from './cursor'
import { createDeadlines, type Deadlines } from './deadline'
import { type RateLimit, rateLimited, rateLimitOf, toHostError } from './errors'
import { ThreadPayload, threadToItem } from './normalize'
import { readStatus, writeStatus } from './status'
import { isValidatorFresh, trustedValidator } from './validator'

export type GithubSourceOptions = {
  now?: () => number
  /** Each request's deadline, from when it leaves. */
  requestTimeoutMs?: number
  /** The retry plugin's first wait after a server error. */
  retryBaseMs?: number
}

/** One request per pull: 50 threads, GitHub's largest page. */
const perPage = 50
/** Comments read at once while a page is turned into items; GitHub asks for requests one after another. */
const commentConcurrency = 2
/** After GitHub asked Lull to slow down, comments are read one at a time for this long. */
const gentleMs = 60 * 60_000

const scopesFor = { notifications: ['notifications', 'repo'], status: ['user'] }

export function createGithubSourceFactory(options: GithubSourceOptions = {}): SourceFactory {
  const now = options.now ?? Date.now
  const deadlineMs = options.requestTimeoutMs ?? 20_000
  return (account, credentials, context) => {
    const token = credentials?.token
    if (!token)
      throw new HostError('invalid-request', 'Paste a GitHub personal access token (classic) to connect.')
    const place = githubPlace(credentials?.baseUrl)
    const deadlines = createDeadlines(deadlineMs)
    const client = createGithubClient({
      token,
      place,
      // The token goes to the account's own API origin only, whatever an answer names.
      fetch: deadlines.fetch(fetchOnlyTo(context?.fetch ?? globalThis.fetch, place.apiUrl)),
      retryBaseMs: options.retryBaseMs ?? 1_000,
    })
    return createGithubSource({
      accountId: account.id,
      token,
      credentials,
      place,
      client,
      deadlines,
      now,
      deadlineMs,
    })
  }
}

function createGithubSource(input: {
  accountId: string
  token: string
  credentials: Credentials | null
  place: ReturnType<typeof githubPlace>
  client: GithubClient
  deadlines: Deadlines
  now: () => number
  deadlineMs: number
}): Source {
  const { client, place, deadlines, now, deadlineMs } = input
  /** No request before this time: GitHub asked Lull to wait. */
  let notBefore = 0
  let limitKind: RateLimit['kind'] = 'primary'
  /** Until then, one request at a time. */
  let gentleUntil = 0

  /** Notes a rate limit GitHub answered; the error to give, or null when it was none. */
  function noteRateLimit(error: unknown): HostError | null {
    const limit = rateLimitOf(error as { status?: number }, now())
    if (limit === null) return null
    notBefore = now() + limit.seconds * 1000
    limitKind = limit.kind
    if (limit.kind === 'secondary') gentleUntil = notBefore + gentleMs
    return rateLimited(limitKind, notBefore, now())
  }

  async function ask<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (now() < notBefore) throw rateLimited(limitKind, notBefore, now())
    try {
      return await deadlines.run(call)
    } catch (error) {
      throw noteRateLimit(error) ?? toHostError(error, deadlineMs)
    }
  }

  const commentsOf = createCommentReader({
    client,
    place,
    deadlines,
    concurrency: () => (now() < gentleUntil ? 1 : commentConcurrency),
    mayAsk: () => now() >= notBefore,
    isRateLimit: (error) => noteRateLimit(error) !== null,
  })

  return {
    async verify() {
      if (input.token.startsWith('github_pat_')) {
        throw new HostError(
          'refused',
          'This is a fine-grained token, and GitHub does not let those read notifications. Create a classic token (Settings → Developer settings → Tokens (classic)) with the notifications scope, and user if Lull should set your status while you focus.',
        )
      }
      const answer = await ask((signal) => client.request('GET /user', { request: { signal } }))
      const granted = (answer.headers['x-oauth-scopes'] ?? '')
        .split(',')
        .map((scope) => scope.trim())
        .filter(Boolean)
      if (!scopesFor.notifications.some((scope) => granted.includes(scope))) {
        throw new HostError(
          'refused',
          granted.length === 0
            ? 'This token does not say which scopes it has, so it is probably a fine-grained token, and those cannot read notifications. Create a classic token with the notifications scope.'
            : `This token has ${granted.join(', ')} but not notifications (or repo), which Lull needs to read your notifications. Add the notifications scope to the token, or create a new classic one.`,
        )
      }
      const login = answer.data.login
      const name = answer.data.name ? ` (${answer.data.name})` : ''
      const githubHost = new URL(place.webUrl).host
      const where = place.isEnterprise ? ` on ${githubHost}` : ''
      return { identity: `${login}${name}${where}`, avatarUrl: answer.data.avatar_url, githubHost }
    },

    async listStreams() {
      return [
        { id: 'notifications', name: 'All notifications', source: 'github' as const },
        { id: 'participating', name: 'Participating only', source: 'github' as const, isPicked: false },
      ]
    },

    async pull(stream, cursorText) {
      if (stream !== 'notifications' && stream !== 'participating') {
        throw new HostError('invalid-request', `GitHub has no stream ${stream}.`)
      }
      const cursor = readCursor(cursorText)
      const askedAt = now()
      // Paging a backlog, or holding a validator too old to trust, the list is asked in full.
      const validator =
        cursor.page === undefined && isValidatorFresh(cursor.checkedAt, askedAt)
          ? cursor.lastModified
          : undefined
      const answer = await ask(async (signal) => {
        try {
          return await client.request('GET /notifications', {
            all: false,
            participating: stream === 'participating',
            per_page: perPage,
            page: cursor.page ?? 1,
            ...(cursor.since ? { since: cursor.since } : {}),
            headers: validator ? { 'if-modified-since': validator } : {},
            request: { signal, retries: 0 },
          })
        } catch (error) {
          const failure = error as {
            status?: number
            response?: { headers?: Record<string, string | undefined> }
          }
          if (failure.status === 304) return { notModified: failure.response?.headers?.['x-poll-interval'] }
          throw error
        }
      })
      if ('notModified' in answer) {
        // Unchanged since the last look: free against the rate limit, nothing to store.
        return {
          items: [],
          cursor: cursorText,
          pollAfterMs: pollAfter(answer.notModified),
          ...(cursor.checkedAt === undefined ? {} : { notModifiedSince: cursor.checkedAt }),
        }
      }
      const data: unknown = answer.data
      if (data === '' || data === undefined) {
        throw new HostError(
          'source-unreachable',
          'GitHub ended the connection before its answer was complete. Lull tries again later.',
        )
      }
      if (!Array.isArray(data)) {
        throw new HostError(
          'source-junk',
          'GitHub answered the notifications request with something that is not a list. Nothing was stored; Lull tries again later.',
        )
      }
      const threads: ThreadPayload[] = []
      const junk: unknown[] = []
      for (const raw of data) {
        const parsed = ThreadPayload.safeParse(raw)
        if (!parsed.success) junk.push(raw)
        else if (!isAtEdge(parsed.data, cursor)) threads.push(parsed.data)
      }
      // GitHub lists newest first; items are handed on in the order things happened.
      threads.reverse()
      const found = await commentsOf(threads)
      const items: unknown[] = threads.map((thread, index) =>
        threadToItem({ thread, comment: found[index] ?? null, accountId: input.accountId, stream, place }),
      )
      // A thread GitHub sent that Lull cannot read is handed on as it is: the host names it and sets it aside.
      items.push(...junk)

      const run: CursorRun = cursor.pending ?? {
        edge: [],
        ...runValidator(answer.headers, askedAt),
      }
      const hasMore = /rel="next"/.test(answer.headers.link ?? '')
      const next = nextCursor({ cursor, run, threads, hasMore })
      // A rate limit met while reading comments: the page is kept, and nothing more is asked until it ends.
      const pollAfterMs = Math.max(
        pollAfter(String(answer.headers['x-poll-interval'] ?? '')),
        notBefore - now(),
      )
      return { items, cursor: JSON.stringify(next), hasMore, pollAfterMs }
    },

    async markDone(externalId) {
      await ask((signal) =>
        client.request('DELETE /notifications/threads/{thread_id}', {
          thread_id: Number(externalId),
          request: { signal },
        }),
      )
    },

    async markRead(externalId) {
      await ask((signal) =>
        client.request('PATCH /notifications/threads/{thread_id}', {
          thread_id: Number(externalId),
          request: { signal },
        }),
      )
    },

    readFocusStatus: (): Promise<FocusStatus> => ask((signal) => readStatus(client, signal)),
    writeFocusStatus: (status: FocusStatus) => ask((signal) => writeStatus(client, status, signal)),
  }
}

/** The validator a list answer gives the run it starts, and when it came; none when GitHub's times cannot be trusted. */
function runValidator(
  headers: Record<string, string | number | undefined>,
  askedAt: number,
): Pick<CursorRun, 'lastModified' | 'checkedAt'> {
  const lastModified = trustedValidator({
    lastModified: headerText(headers['last-modified']),
    date: headerText(headers.date),
    now: askedAt,
  })
  return lastModified === undefined ? {} : { lastModified, checkedAt: askedAt }
}

function headerText(value: string | number | undefined): string | undefined {
  return value === undefined ? undefined : String(value)
}

/** GitHub's X-Poll-Interval in ms (60 s when it does not say): never ask sooner. */
function pollAfter(header: string | undefined): number {
  const seconds = Number(header)
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 3_600) * 1000 : 60_000
}

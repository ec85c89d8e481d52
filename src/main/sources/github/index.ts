// The GitHub source: a person's notifications, pulled conditionally so an
// unchanged inbox costs a 304 (free against the rate limit), never sooner
// than GitHub's X-Poll-Interval; done and read written back; "busy" set as
// the person's status during focus. github.com or GitHub Enterprise Server.
import { z } from 'zod'
import { type FocusStatus, HostError } from '../../../shared/contract'
import type { Credentials } from '../../vault'
import type { Source, SourceFactory } from '../source'
import { githubPlace } from './base-url'
import { createGithubClient, type GithubClient } from './client'
import { rateLimited, rateLimitWait, toHostError } from './errors'
import { type LatestComment, ThreadPayload, threadToItem } from './normalize'
import { readStatus, writeStatus } from './status'

export type GithubSourceOptions = {
  now?: () => number
  /** Each request's deadline. */
  requestTimeoutMs?: number
  /** The retry plugin's first wait after a server error. */
  retryBaseMs?: number
}

/** One request per pull: 50 threads, GitHub's largest page. */
const perPage = 50
/** Comments read at once while a page is turned into items. */
const commentConcurrency = 16
/** Threads whose latest comment is remembered, so an unchanged thread costs no second read. */
const commentMemory = 2_000
/** Ids kept in the cursor of the threads updated in its last second (see Cursor). */
const edgeIds = 40

/**
 * Where a stream has read to. `since` is the newest update seen; GitHub's
 * `since` includes that second, so `edge` names the threads already given
 * at exactly that time (their ids), and they are not given again. `page`
 * is set while a backlog is being paged; `lastModified` only once it is read
 * to its end, so an interrupted backlog is asked again in full.
 */
const Cursor = z.object({
  lastModified: z.string().max(64).optional(),
  since: z.string().max(64).optional(),
  edge: z.array(z.string().max(64)).max(edgeIds).optional(),
  page: z.number().int().min(2).max(10_000).optional(),
  pending: z
    .object({
      lastModified: z.string().max(64).optional(),
      since: z.string().max(64).optional(),
      edge: z.array(z.string().max(96)).max(edgeIds),
    })
    .optional(),
})
type Cursor = z.infer<typeof Cursor>

const scopesFor = { notifications: ['notifications', 'repo'], status: ['user'] }

export function createGithubSourceFactory(options: GithubSourceOptions = {}): SourceFactory {
  const now = options.now ?? Date.now
  const deadlineMs = options.requestTimeoutMs ?? 20_000
  return (account, credentials, context) => {
    const token = credentials?.token
    if (!token)
      throw new HostError('invalid-request', 'Paste a GitHub personal access token (classic) to connect.')
    const place = githubPlace(credentials?.baseUrl)
    const client = createGithubClient({
      token,
      place,
      fetch: context?.fetch ?? globalThis.fetch,
      retryBaseMs: options.retryBaseMs ?? 1_000,
    })
    return createGithubSource({ accountId: account.id, token, credentials, place, client, now, deadlineMs })
  }
}

function createGithubSource(input: {
  accountId: string
  token: string
  credentials: Credentials | null
  place: ReturnType<typeof githubPlace>
  client: GithubClient
  now: () => number
  deadlineMs: number
}): Source {
  const { client, place, now, deadlineMs } = input
  /** No request before this time: GitHub asked Lull to wait. */
  let notBefore = 0
  const comments = new Map<string, { updatedAt: string; comment: LatestComment }>()
  const signal = () => AbortSignal.timeout(deadlineMs)

  async function ask<T>(call: () => Promise<T>): Promise<T> {
    if (now() < notBefore) throw rateLimited(notBefore, now())
    try {
      return await call()
    } catch (error) {
      const wait = rateLimitWait(error as { status?: number }, now())
      if (wait !== null) {
        notBefore = now() + wait * 1000
        throw rateLimited(notBefore, now())
      }
      throw toHostError(error, deadlineMs)
    }
  }

  async function latestComment(thread: ThreadPayload): Promise<LatestComment> {
    const url = thread.subject.latest_comment_url
    if (!url || url === thread.subject.url || !/\/comments\/\d+$/.test(url)) return null
    const known = comments.get(thread.id)
    if (known && known.updatedAt === thread.updated_at) return known.comment
    let comment: LatestComment = null
    try {
      const answer = await client.request({ method: 'GET', url, request: { signal: signal(), retries: 0 } })
      const parsed = z
        .object({ body: z.string().nullish(), user: z.object({ login: z.string() }).nullish() })
        .safeParse(answer.data)
      if (parsed.success)
        comment = { login: parsed.data.user?.login ?? 'GitHub', body: parsed.data.body ?? '' }
    } catch {
      // The item is stored without the comment; the next update of the thread reads it again.
    }
    if (comments.size >= commentMemory) comments.delete(comments.keys().next().value ?? '')
    comments.set(thread.id, { updatedAt: thread.updated_at, comment })
    return comment
  }

  async function commentsOf(threads: ThreadPayload[]): Promise<LatestComment[]> {
    const found: LatestComment[] = new Array(threads.length).fill(null)
    let next = 0
    const worker = async () => {
      while (next < threads.length) {
        const index = next++
        found[index] = await latestComment(threads[index] as ThreadPayload)
      }
    }
    await Promise.all(Array.from({ length: commentConcurrency }, worker))
    return found
  }

  function readCursor(text: string | null): Cursor {
    if (text === null) return {}
    try {
      const parsed = Cursor.safeParse(JSON.parse(text))
      if (parsed.success) return parsed.data
    } catch {
      // An unreadable cursor reads as none: the stream is read again and nothing is stored twice.
    }
    return {}
  }

  return {
    async verify() {
      if (input.token.startsWith('github_pat_')) {
        throw new HostError(
          'refused',
          'This is a fine-grained token, and GitHub does not let those read notifications. Create a classic token (Settings → Developer settings → Tokens (classic)) with the notifications scope, and user if Lull should set your status while you focus.',
        )
      }
      const answer = await ask(() => client.request('GET /user', { request: { signal: signal() } }))
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
      const where = place.isEnterprise ? ` on ${new URL(place.webUrl).host}` : ''
      return { identity: `${login}${name}${where}`, avatarUrl: answer.data.avatar_url }
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
      const isPaging = cursor.page !== undefined
      const answer = await ask(async () => {
        try {
          return await client.request('GET /notifications', {
            all: false,
            participating: stream === 'participating',
            per_page: perPage,
            page: cursor.page ?? 1,
            ...(cursor.since ? { since: cursor.since } : {}),
            headers: !isPaging && cursor.lastModified ? { 'if-modified-since': cursor.lastModified } : {},
            request: { signal: signal(), retries: 0 },
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
        return { items: [], cursor: cursorText, pollAfterMs: pollAfter(answer.notModified) }
      }
      const pollAfterMs = pollAfter(String(answer.headers['x-poll-interval'] ?? ''))
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
      const edge = new Set(cursor.edge ?? [])
      const threads: ThreadPayload[] = []
      const junk: unknown[] = []
      for (const raw of data) {
        const parsed = ThreadPayload.safeParse(raw)
        if (!parsed.success) junk.push(raw)
        else if (!(parsed.data.updated_at === cursor.since && edge.has(edgeKey(parsed.data))))
          threads.push(parsed.data)
      }
      // GitHub lists newest first; items are handed on in the order things happened.
      threads.reverse()
      const found = await commentsOf(threads)
      const items: unknown[] = threads.map((thread, index) =>
        threadToItem({ thread, comment: found[index] ?? null, accountId: input.accountId, stream, place }),
      )
      // A thread GitHub sent that Lull cannot read is handed on as it is: the host names it and sets it aside.
      items.push(...junk)

      const run = cursor.pending ?? {
        edge: [],
        ...(answer.headers['last-modified'] ? { lastModified: answer.headers['last-modified'] } : {}),
      }
      const newest = newestOf(threads, run.since ?? cursor.since, run.edge)
      const hasMore = /rel="next"/.test(answer.headers.link ?? '')
      const next: Cursor = hasMore
        ? { ...pick(cursor), page: (cursor.page ?? 1) + 1, pending: { ...run, ...newest } }
        : {
            ...(run.lastModified ? { lastModified: run.lastModified } : {}),
            ...(newest.since ? { since: newest.since } : {}),
            ...(newest.edge.length > 0 ? { edge: newest.edge } : {}),
          }
      return { items, cursor: JSON.stringify(next), hasMore, pollAfterMs }
    },

    async markDone(externalId) {
      await ask(() =>
        client.request('DELETE /notifications/threads/{thread_id}', {
          thread_id: Number(externalId),
          request: { signal: signal() },
        }),
      )
    },

    async markRead(externalId) {
      await ask(() =>
        client.request('PATCH /notifications/threads/{thread_id}', {
          thread_id: Number(externalId),
          request: { signal: signal() },
        }),
      )
    },

    readFocusStatus: (): Promise<FocusStatus> => ask(() => readStatus(client, signal())),
    writeFocusStatus: (status: FocusStatus) => ask(() => writeStatus(client, status, signal())),
  }
}

/** The cursor without the paging fields, for the page after this one. */
function pick(cursor: Cursor): Cursor {
  const { page: _page, pending: _pending, ...rest } = cursor
  return rest
}

function edgeKey(thread: ThreadPayload): string {
  return thread.id
}

/** The newest update among what was read so far in this run, and the threads at its second. */
function newestOf(
  threads: ThreadPayload[],
  since: string | undefined,
  edge: string[],
): { since?: string; edge: string[] } {
  let newest = since
  let atNewest = [...edge]
  for (const thread of threads) {
    const at = Date.parse(thread.updated_at)
    const current = newest === undefined ? Number.NEGATIVE_INFINITY : Date.parse(newest)
    if (at > current) {
      newest = thread.updated_at
      atNewest = [edgeKey(thread)]
    } else if (at === current && atNewest.length < edgeIds) atNewest.push(edgeKey(thread))
  }
  return newest === undefined ? { edge: atNewest } : { since: newest, edge: atNewest }
}

/** GitHub's X-Poll-Interval in ms (60 s when it does not say): never ask sooner. */
function pollAfter(header: string | undefined): number {
  const seconds = Number(header)
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 3_600) * 1000 : 60_000
}

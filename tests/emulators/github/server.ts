// A GitHub REST and GraphQL emulator on 127.0.0.1 for the GitHub source's
// tests: notifications with Last-Modified / If-Modified-Since (304) and a
// Date by the emulator's clock, X-Poll-Interval, `since`, Link pagination,
// thread done/read, the latest comment, the viewer's status over GraphQL
// (status.ts), and faults on demand (faults.ts), besides a server whose
// clock runs ahead and a stale cache that answers 304 to any validator. It
// answers under `/` as github.com's API does and under `/api/v3` and
// `/api/graphql` as GitHub Enterprise Server does. Every body is typed
// against GitHub's own OpenAPI description (shapes.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FocusStatus } from '../../../src/shared/contract'
import { answerFault, type GithubFault } from './faults'
import { issueComment, minimalRepository, privateUser, type Thread } from './shapes'
import { createStatusKeeper } from './status'

export type { GithubFault } from './faults'

type StoredThread = {
  thread: Thread
  isParticipating: boolean
  updatedAt: number
  comment: { id: number; login: string; body: string } | null
}

export type SaidThread = {
  repository?: string
  title?: string
  reason?: string
  type?: 'Issue' | 'PullRequest' | 'Release' | 'Discussion' | 'Commit' | 'CheckSuite'
  /** The latest comment's body and author; without it the thread has no comment. */
  comment?: { body: string; login?: string }
  /** The thread's `latest_comment_url` as given, wherever it points (a link Lull must not follow with its token). */
  latestCommentUrl?: string
  isParticipating?: boolean
}

const perPageLimit = 50
/** A 1×1 PNG, the emulator's avatar for everyone. */
const onePixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)
export async function startGithubEmulator(options: { now(): number; login?: string }) {
  const login = options.login ?? 'octocat'
  const threads = new Map<string, StoredThread>()
  const faults: Array<{ at: number; fault: GithubFault }> = []
  const commentFaults: GithubFault[] = []
  const writeFailures = { done: 0, read: 0 }
  const writes = { done: [] as string[], read: [] as string[] }
  const held = new Set<ServerResponse>()
  let listRequests = 0
  /** When each list request came, by the emulator's clock, how it was answered, and the If-Modified-Since it sent. */
  const listLog: Array<{ at: number; status: number; ifModifiedSince: string | null }> = []
  /** The next full list answer comes from a server whose clock (or only its Last-Modified) runs ahead. */
  let skewedNext: { aheadMs: number; part: 'last-modified' | 'clock' } | null = null
  /** A stale cache in front of GitHub: every conditional list request is answered 304. */
  let isStaleCache = false
  let commentDelayMs = 0
  let commentsInFlight = 0
  let mostCommentsInFlight = 0
  let requests = 0
  let nextId = 1
  let nextComment = 5000
  let lastModified = options.now()
  let pollIntervalSeconds = 60
  let token = 'ghp_emulator_token'
  let scopes = 'notifications, user'
  const status = createStatusKeeper()

  const paths: string[] = []
  const server = createServer((request, response) => {
    requests += 1
    if (paths.length < 10_000) paths.push(`${request.method} ${request.url}`)
    // GitHub's Date is its own clock's: here the test's clock, never behind the
    // last change (which the emulator dates a second apart, so it may run ahead).
    response.setHeader('date', new Date(Math.max(options.now(), lastModified)).toUTCString())
    void handle(request, response).catch((error: Error) => {
      if (!response.headersSent) json(response, 500, { message: error.message })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  // Reached on this computer, the emulator is a GitHub Enterprise Server:
  // its API under /api/v3 and its pages at the root.
  const api = `${base}/api/v3`
  const web = base

  function json(response: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}) {
    response.writeHead(code, { 'content-type': 'application/json; charset=utf-8', ...headers })
    response.end(JSON.stringify(body))
  }

  function isAuthorised(request: IncomingMessage): boolean {
    return (
      request.headers.authorization === `token ${token}` ||
      request.headers.authorization === `bearer ${token}`
    )
  }

  async function readBody(request: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  }

  /** Answers a fault for the list request now under way, if one is due; true when it answered. */
  function answerListFault(response: ServerResponse): boolean {
    const index = faults.findIndex((entry) => entry.at === listRequests)
    if (index === -1) return false
    const [entry] = faults.splice(index, 1)
    if (!entry) return false
    answerFault(response, entry.fault, { now: options.now, held })
    return true
  }

  function listNotifications(request: IncomingMessage, response: ServerResponse, url: URL) {
    const ifModifiedSince = request.headers['if-modified-since']
    const since = url.searchParams.get('since')
    const isParticipatingOnly = url.searchParams.get('participating') === 'true'
    const isAll = url.searchParams.get('all') === 'true'
    const perPage = Math.min(perPageLimit, Math.max(1, Number(url.searchParams.get('per_page') ?? 50) || 50))
    const page = Math.max(1, Math.min(10_000, Number(url.searchParams.get('page') ?? 1) || 1))
    const headers = {
      'last-modified': new Date(lastModified).toUTCString(),
      'x-poll-interval': String(pollIntervalSeconds),
    }
    if (
      ifModifiedSince &&
      (isStaleCache || Math.floor(lastModified / 1000) <= Math.floor(Date.parse(ifModifiedSince) / 1000))
    ) {
      listLog.push({ at: options.now(), status: 304, ifModifiedSince })
      response.writeHead(304, headers)
      response.end()
      return
    }
    const sinceMs = since ? Date.parse(since) : Number.NEGATIVE_INFINITY
    const matching = [...threads.values()]
      .filter((stored) => (isAll || stored.thread.unread) && (!isParticipatingOnly || stored.isParticipating))
      .filter((stored) => Math.floor(stored.updatedAt / 1000) * 1000 >= sinceMs)
      .sort((a, b) => b.updatedAt - a.updatedAt || Number(b.thread.id) - Number(a.thread.id))
    const start = (page - 1) * perPage
    const body: Thread[] = matching.slice(start, start + perPage).map((stored) => stored.thread)
    const links: string[] = []
    const pages = Math.ceil(matching.length / perPage)
    const pageUrl = (n: number) => {
      const next = new URL(url.toString(), base)
      next.searchParams.set('page', String(n))
      return `<${base}${next.pathname}${next.search}>`
    }
    if (page < pages) links.push(`${pageUrl(page + 1)}; rel="next"`, `${pageUrl(pages)}; rel="last"`)
    listLog.push({ at: options.now(), status: 200, ifModifiedSince: ifModifiedSince ?? null })
    if (skewedNext) {
      // One server of the fleet keeps bad time; the next request meets another that keeps good time.
      headers['last-modified'] = new Date(lastModified + skewedNext.aheadMs).toUTCString()
      if (skewedNext.part === 'clock') response.setHeader('date', headers['last-modified'])
      skewedNext = null
    }
    json(response, 200, body, links.length > 0 ? { ...headers, link: links.join(', ') } : headers)
  }

  async function graphql(request: IncomingMessage, response: ServerResponse) {
    const { query, variables } = JSON.parse(await readBody(request)) as {
      query: string
      variables?: Record<string, unknown>
    }
    if (!scopes.split(/,\s*/).includes('user')) {
      json(response, 200, {
        errors: [
          {
            type: 'INSUFFICIENT_SCOPES',
            message:
              "Your token has not been granted the required scopes to execute this query. The 'changeUserStatus' field requires one of the following scopes: ['user']",
          },
        ],
      })
      return
    }
    json(response, 200, status.answer(query, variables))
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', base)
    const path = url.pathname.replace(/^\/api\/v3(?=\/)/, '')
    // Avatars are public pictures, served without a token as GitHub's are.
    if (request.method === 'GET' && path.startsWith('/avatars/')) {
      response.writeHead(200, { 'content-type': 'image/png' })
      return response.end(onePixelPng)
    }
    if (!isAuthorised(request)) return json(response, 401, { message: 'Bad credentials' })
    if (path === '/api/graphql' || path === '/graphql') return graphql(request, response)
    if (request.method === 'GET' && path === '/user') {
      return json(
        response,
        200,
        { ...privateUser(api, login, 'The Octocat'), avatar_url: `${base}/avatars/${login}.png` },
        scopes === '' ? {} : { 'x-oauth-scopes': scopes },
      )
    }
    if (request.method === 'GET' && path === '/notifications') {
      listRequests += 1
      if (answerListFault(response)) return
      return listNotifications(request, response, url)
    }
    const comment = /^\/repos\/([^/]+\/[^/]+)\/issues\/comments\/(\d+)$/.exec(path)
    if (request.method === 'GET' && comment) {
      commentsInFlight += 1
      mostCommentsInFlight = Math.max(mostCommentsInFlight, commentsInFlight)
      response.on('close', () => {
        commentsInFlight -= 1
      })
      if (commentDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, commentDelayMs))
      const fault = commentFaults.shift()
      if (fault) return answerFault(response, fault, { now: options.now, held })
      const found = [...threads.values()].find((stored) => String(stored.comment?.id) === comment[2])
      if (!found?.comment) return json(response, 404, { message: 'Not Found' })
      return json(
        response,
        200,
        issueComment(api, web, {
          id: found.comment.id,
          fullName: found.thread.repository.full_name,
          issue: Number(found.thread.subject.url.split('/').at(-1)),
          login: found.comment.login,
          body: found.comment.body,
          at: found.thread.updated_at,
        }),
      )
    }
    const thread = /^\/notifications\/threads\/(\d+)$/.exec(path)
    if (thread && (request.method === 'DELETE' || request.method === 'PATCH')) {
      const action = request.method === 'DELETE' ? 'done' : 'read'
      if (writeFailures[action] > 0) {
        writeFailures[action] -= 1
        return json(response, 502, { message: 'Server Error' })
      }
      const id = thread[1] ?? ''
      writes[action].push(id)
      const stored = threads.get(id)
      if (stored && action === 'done') threads.delete(id)
      if (stored && action === 'read') stored.thread = { ...stored.thread, unread: false }
      lastModified = Math.max(lastModified + 1000, options.now())
      response.writeHead(action === 'done' ? 204 : 205)
      return response.end()
    }
    json(response, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' })
  }

  function threadOf(id: string, said: SaidThread, at: number, commentId: number | null): Thread {
    const fullName = said.repository ?? 'acme/api'
    const type = said.type ?? 'Issue'
    const number = Number(id)
    const kind = {
      Issue: 'issues',
      PullRequest: 'pulls',
      Release: 'releases',
      Discussion: 'discussions',
      Commit: 'commits',
      CheckSuite: 'check-suites',
    }[type]
    const subjectUrl = `${api}/repos/${fullName}/${kind}/${number}`
    return {
      id,
      repository: minimalRepository(api, web, fullName),
      subject: {
        title: said.title ?? `Thread ${id}`,
        url: subjectUrl,
        latest_comment_url:
          said.latestCommentUrl ??
          (commentId === null ? subjectUrl : `${api}/repos/${fullName}/issues/comments/${commentId}`),
        type,
      },
      reason: said.reason ?? (said.isParticipating === false ? 'subscribed' : 'mention'),
      unread: true,
      updated_at: new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      last_read_at: null,
      url: `${api}/notifications/threads/${id}`,
      subscription_url: `${api}/notifications/threads/${id}/subscription`,
    }
  }

  return {
    url: base,
    /** The base URL a GitHub Enterprise Server is reached at. */
    enterpriseUrl: `${base}/api/v3`,
    token: () => token,
    /** A new thread, unread, updated now; answers its id. */
    say(said: SaidThread): string {
      const id = String(nextId++)
      const at = options.now()
      const comment = said.comment
        ? { id: nextComment++, login: said.comment.login ?? 'hubot', body: said.comment.body }
        : null
      threads.set(id, {
        thread: threadOf(id, said, at, comment?.id ?? null),
        isParticipating: said.isParticipating ?? true,
        updatedAt: at,
        comment,
      })
      lastModified = Math.max(lastModified + 1000, at)
      return id
    },
    /** New activity on a thread: a new title or comment, unread again, updated now. */
    update(id: string, said: SaidThread) {
      const stored = threads.get(id)
      const at = options.now()
      const comment = said.comment
        ? { id: nextComment++, login: said.comment.login ?? 'hubot', body: said.comment.body }
        : (stored?.comment ?? null)
      threads.set(id, {
        thread: threadOf(
          id,
          { ...said, title: said.title ?? stored?.thread.subject.title },
          at,
          comment?.id ?? null,
        ),
        isParticipating: said.isParticipating ?? stored?.isParticipating ?? true,
        updatedAt: at,
        comment,
      })
      lastModified = Math.max(lastModified + 1000, at)
    },
    /** A fault on the `n`-th list request from now (0: the next one). */
    failList(fault: GithubFault, n = 0) {
      faults.push({ at: listRequests + 1 + n, fault })
    },
    /** Faults on the next comment reads, one each, in order. */
    failComments(...next: GithubFault[]) {
      commentFaults.push(...next)
    },
    /** Comments are answered this much later, so reads made at once overlap. */
    setCommentDelay(ms: number) {
      commentDelayMs = ms
    },
    /** The most comment reads the emulator was answering at once. */
    mostCommentsInFlight: () => mostCommentsInFlight,
    /**
     * The next full list answer comes from a server whose clock runs `aheadMs`
     * ahead: its Last-Modified only (its Date keeps time), or its whole clock
     * (Date too). The answers after it keep time again.
     */
    skewNextAnswer(aheadMs: number, part: 'last-modified' | 'clock') {
      skewedNext = { aheadMs, part }
    },
    /** Answer every conditional list request 304, new threads or not, as a stale cache would. */
    setStaleCache(isStale: boolean) {
      isStaleCache = isStale
    },
    failWrites(action: 'done' | 'read', times: number) {
      writeFailures[action] = times
    },
    setPollInterval(seconds: number) {
      pollIntervalSeconds = seconds
    },
    setScopes(value: string) {
      scopes = value
    },
    revoke() {
      token = `revoked-${token}`
    },
    status: () => status.status(),
    /** The person sets their status in GitHub's own app. */
    setStatus(next: FocusStatus) {
      status.setStatus(next)
    },
    writes: () => ({ done: [...writes.done], read: [...writes.read] }),
    requestCount: () => requests,
    listRequestCount: () => listRequests,
    listLog: () => [...listLog],
    /** Method and target of the requests so far (the first 10,000). */
    paths: () => [...paths],
    async stop() {
      for (const response of held) response.socket?.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export type GithubEmulator = Awaited<ReturnType<typeof startGithubEmulator>>

// A GitHub REST and GraphQL emulator on 127.0.0.1 for the GitHub source's
// tests: notifications with Last-Modified / If-Modified-Since (304),
// X-Poll-Interval, `since`, Link pagination, thread done/read, the latest
// comment, the viewer's status over GraphQL, and faults on demand (drops,
// silence, 5xx, junk, 429, primary and secondary rate limits, 401). It
// answers under `/` as github.com's API does and under `/api/v3` and
// `/api/graphql` as GitHub Enterprise Server does. Every body is typed
// against GitHub's own OpenAPI description (shapes.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FocusStatus } from '../../../src/shared/contract'
import { issueComment, minimalRepository, privateUser, type Thread } from './shapes'

export type GithubFault =
  | { kind: 'drop' | 'timeout' | '5xx' | 'malformed' | '401' }
  | { kind: '429' | 'secondary'; retryAfterSeconds: number }
  | { kind: 'primary'; resetInSeconds: number }

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
  isParticipating?: boolean
}

const perPageLimit = 50
/** A 1×1 PNG, the emulator's avatar for everyone. */
const onePixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)
/** A request the emulator holds without answering ends by itself after this long. */
const silenceMs = 15_000

export async function startGithubEmulator(options: { now(): number; login?: string }) {
  const login = options.login ?? 'octocat'
  const threads = new Map<string, StoredThread>()
  const faults: Array<{ at: number; fault: GithubFault }> = []
  const writeFailures = { done: 0, read: 0 }
  const writes = { done: [] as string[], read: [] as string[] }
  const held = new Set<ServerResponse>()
  let listRequests = 0
  /** When each list request came, by the emulator's clock, and how it was answered. */
  const listLog: Array<{ at: number; status: number }> = []
  let requests = 0
  let nextId = 1
  let nextComment = 5000
  let lastModified = options.now()
  let pollIntervalSeconds = 60
  let token = 'ghp_emulator_token'
  let scopes = 'notifications, user'
  let status: FocusStatus = { message: '', emoji: '', expiresAt: null, isDoNotDisturb: false }

  const paths: string[] = []
  const server = createServer((request, response) => {
    requests += 1
    if (paths.length < 10_000) paths.push(`${request.method} ${request.url}`)
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
  function answerFault(response: ServerResponse): boolean {
    const index = faults.findIndex((entry) => entry.at === listRequests)
    if (index === -1) return false
    const [entry] = faults.splice(index, 1)
    if (!entry) return false
    const fault = entry.fault
    if (fault.kind === 'drop') {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.write('[{"id": "')
      response.socket?.destroy()
    } else if (fault.kind === 'timeout') {
      held.add(response)
      setTimeout(() => {
        held.delete(response)
        response.socket?.destroy()
      }, silenceMs).unref()
    } else if (fault.kind === '5xx') json(response, 502, { message: 'Server Error' })
    else if (fault.kind === 'malformed') {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end('[{"id": "1", "subject": ')
    } else if (fault.kind === '401') json(response, 401, { message: 'Bad credentials' })
    else if (fault.kind === 'primary') {
      const reset = Math.ceil(options.now() / 1000) + fault.resetInSeconds
      json(
        response,
        403,
        { message: 'API rate limit exceeded' },
        {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(reset),
        },
      )
    } else if (fault.kind === '429' || fault.kind === 'secondary') {
      const code = fault.kind === '429' ? 429 : 403
      json(
        response,
        code,
        { message: 'You have exceeded a secondary rate limit.' },
        {
          'retry-after': String(fault.retryAfterSeconds),
        },
      )
    }
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
      Math.floor(lastModified / 1000) <= Math.floor(Date.parse(ifModifiedSince) / 1000)
    ) {
      listLog.push({ at: options.now(), status: 304 })
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
    listLog.push({ at: options.now(), status: 200 })
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
    if (query.includes('changeUserStatus')) {
      const input = (variables?.input ?? {}) as {
        message?: string
        emoji?: string
        limitedAvailability?: boolean
        expiresAt?: string | null
      }
      status = {
        message: input.message ?? '',
        emoji: input.emoji ?? '',
        expiresAt: input.expiresAt ? Date.parse(input.expiresAt) : null,
        isDoNotDisturb: input.limitedAvailability === true,
      }
      json(response, 200, { data: { changeUserStatus: { status: { message: status.message } } } })
      return
    }
    const isEmpty = status.message === '' && status.emoji === '' && !status.isDoNotDisturb
    json(response, 200, {
      data: {
        viewer: {
          status: isEmpty
            ? null
            : {
                message: status.message,
                emoji: status.emoji,
                expiresAt: status.expiresAt === null ? null : new Date(status.expiresAt).toISOString(),
                indicatesLimitedAvailability: status.isDoNotDisturb,
              },
        },
      },
    })
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
      if (answerFault(response)) return
      return listNotifications(request, response, url)
    }
    const comment = /^\/repos\/([^/]+\/[^/]+)\/issues\/comments\/(\d+)$/.exec(path)
    if (request.method === 'GET' && comment) {
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
          commentId === null ? subjectUrl : `${api}/repos/${fullName}/issues/comments/${commentId}`,
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
    status: () => status,
    setStatus(next: FocusStatus) {
      status = next
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

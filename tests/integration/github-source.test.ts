// The GitHub source against its emulator, at the seams a GitHub user would
// notice: an unchanged inbox costs a 304, the poll interval is obeyed,
// rate limits are waited out without asking, bad tokens are named, a
// GitHub Enterprise Server under /api/v3 works the same, the token goes
// nowhere else, and a status only an organisation could see comes back so.
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createSourceContext } from '../../src/main/net'
import { restoreFocusStatus, setFocusStatus } from '../../src/main/sources/focus-status'
import { createGithubSourceFactory } from '../../src/main/sources/github'
import { createLedger } from '../../src/main/sources/ledger'
import type { Source } from '../../src/main/sources/source'
import { type FocusStatus, HostError } from '../../src/shared/contract'
import { conversationKey } from '../../src/shared/conversation'
import { SourceItem } from '../../src/shared/model'
import { type GithubEmulator, startGithubEmulator } from '../emulators/github/server'

// The throttling plugin reads the primary limit's reset against the real
// clock, so the test clock starts at the real time (to the second).
let clock = Math.floor(Date.now() / 1000) * 1000
const now = () => clock
const running: Array<Pick<GithubEmulator, 'stop'>> = []
afterEach(async () => {
  for (const server of running.splice(0)) await server.stop()
})

// Octokit spaces GraphQL calls a second apart, so a status test takes real seconds.
const statusTestMs = 30_000

/** Another server on this computer, answering every request with a comment: it notes the headers each request came with. */
async function startOtherServer() {
  const seen: IncomingHttpHeaders[] = []
  const server = createServer((request, response) => {
    seen.push(request.headers)
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(JSON.stringify({ body: 'a comment from elsewhere', user: { login: 'mallory' } }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const other = {
    port: (server.address() as AddressInfo).port,
    seen,
    async stop() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
  running.push(other)
  return other
}

/** The items of a pull, as the fields a test looks at. */
async function pulled(source: Source, cursor: string | null = null) {
  const answer = await source.pull('notifications', cursor)
  return answer.items as Array<{ title: string; text: string; author: { name: string } }>
}

async function setUp(options: { enterprise?: boolean; token?: string } = {}) {
  const emulator = await startGithubEmulator({ now })
  running.push(emulator)
  const ledger = createLedger({ now })
  const context = createSourceContext({ baseFetch: globalThis.fetch, ledger, accountId: 'github-1' })
  const source = createGithubSourceFactory({ now, requestTimeoutMs: 5_000, retryBaseMs: 10 })(
    { id: 'github-1', kind: 'github' },
    {
      token: options.token ?? emulator.token(),
      baseUrl: options.enterprise ? emulator.enterpriseUrl : emulator.url,
    },
    context,
  )
  const results = () => {
    const counts: Record<string, number> = {}
    for (const entry of ledger.summary(0)) counts[entry.result] = (counts[entry.result] ?? 0) + entry.count
    return counts
  }
  return { emulator, source, results }
}

async function failureOf(call: Promise<unknown>): Promise<HostError> {
  const error = await call.then(
    () => null,
    (reason: unknown) => reason,
  )
  if (error instanceof HostError) return error
  throw new Error(`expected a HostError, got ${String(error)}`)
}

describe('the GitHub source', () => {
  it('reads new threads, then answers an unchanged inbox with a 304 that stores nothing', async () => {
    const { emulator, source, results } = await setUp()
    emulator.say({ title: 'Please review #12', reason: 'review_requested', type: 'PullRequest' })
    const first = await source.pull('notifications', null)
    expect(first.items).toHaveLength(1)
    expect(first.items[0]).toMatchObject({
      title: 'Please review #12',
      needsReply: true,
      github: { reason: 'review_requested', subjectType: 'PullRequest' },
      url: `${emulator.url}/acme/api/pull/1`,
    })
    clock += 60_000
    const second = await source.pull('notifications', first.cursor)
    expect(second.items).toEqual([])
    expect(second.cursor).toBe(first.cursor)
    expect(results()).toEqual({ ok: 1, 'not-modified': 1 })
  })

  it("never asks sooner than GitHub's poll interval, as it rises from 60 to 120 s", async () => {
    const { emulator, source } = await setUp()
    expect((await source.pull('notifications', null)).pollAfterMs).toBe(60_000)
    emulator.setPollInterval(120)
    emulator.say({ title: 'busy day' })
    expect((await source.pull('notifications', null)).pollAfterMs).toBe(120_000)
  })

  it('follows Link pages, one page of 50 per pull, to every thread once', async () => {
    const { emulator, source } = await setUp()
    for (let n = 0; n < 120; n++) emulator.say({ title: `thread ${n}` })
    const titles: string[] = []
    let cursor: string | null = null
    for (let page = 0; page < 10; page++) {
      const answer = await source.pull('notifications', cursor)
      titles.push(...answer.items.map((item) => (item as { title: string }).title))
      cursor = answer.cursor
      if (!answer.hasMore) break
    }
    expect(titles).toHaveLength(120)
    expect(new Set(titles).size).toBe(120)
  })

  it('waits out a secondary rate limit (403 with Retry-After) without asking again', async () => {
    const { emulator, source, results } = await setUp()
    emulator.failList({ kind: 'secondary', retryAfterSeconds: 90 })
    const limited = await failureOf(source.pull('notifications', null))
    expect(limited.code).toBe('rate-limited')
    expect(limited.message).toContain('90 s')
    clock += 60_000
    expect((await failureOf(source.pull('notifications', null))).code).toBe('rate-limited')
    expect(emulator.listRequestCount()).toBe(1)
    clock += 31_000
    await source.pull('notifications', null)
    expect(emulator.listRequestCount()).toBe(2)
    expect(results()['rate-limited']).toBe(1)
  })

  it('waits for the primary limit to reset when no requests remain', async () => {
    const { emulator, source } = await setUp()
    emulator.failList({ kind: 'primary', resetInSeconds: 600 })
    const limited = await failureOf(source.pull('notifications', null))
    expect(limited.code).toBe('rate-limited')
    expect(limited.message).toContain(new Date(clock + 600_000).toISOString())
    clock += 599_000
    await failureOf(source.pull('notifications', null))
    expect(emulator.listRequestCount()).toBe(1)
  })

  it('names a revoked token, a server error and an answer that is not JSON', async () => {
    const { emulator, source } = await setUp()
    emulator.failList({ kind: '5xx' })
    expect((await failureOf(source.pull('notifications', null))).message).toMatch(/server error \(502\)/)
    emulator.failList({ kind: 'malformed' })
    expect((await failureOf(source.pull('notifications', null))).code).toBe('source-junk')
    emulator.revoke()
    const revoked = await failureOf(source.pull('notifications', null))
    expect(revoked.code).toBe('bad-credentials')
    expect(revoked.message).toMatch(/new classic token/)
  })

  it('works the same on GitHub Enterprise Server under /api/v3, status included', async () => {
    const { emulator, source } = await setUp({ enterprise: true })
    expect((await source.verify()).identity).toBe(
      `octocat (The Octocat) on 127.0.0.1:${new URL(emulator.url).port}`,
    )
    emulator.say({ title: 'on the enterprise server' })
    expect((await source.pull('notifications', null)).items).toHaveLength(1)
    await source.writeFocusStatus?.({
      message: 'Deep work',
      emoji: ':headphones:',
      expiresAt: clock + 3_600_000,
      isDoNotDisturb: true,
    })
    expect(emulator.status()).toMatchObject({ message: 'Deep work', isDoNotDisturb: true })
  })

  it("keeps each thread's subject API URL and its server's host, so it keys to its issue or pull request there", async () => {
    const { emulator, source } = await setUp({ enterprise: true })
    const host = `127.0.0.1:${new URL(emulator.url).port}`
    expect((await source.verify()).githubHost).toBe(host)
    emulator.say({ type: 'PullRequest', repository: 'Acme/API' })
    emulator.say({ type: 'Release', repository: 'acme/api' })
    const items = (await source.pull('notifications', null)).items.map((raw) => SourceItem.parse(raw))
    const byType = new Map(items.map((item) => [item.github?.subjectType, item]))
    const pull = byType.get('PullRequest')
    expect(pull?.facts?.subjectUrl).toBe(`${emulator.enterpriseUrl}/repos/Acme/API/pulls/${pull?.externalId}`)
    expect(conversationKey(pull as SourceItem, { githubHosts: [host] })).toBe(
      `github:${host}/acme/api#${pull?.externalId}`,
    )
    const release = byType.get('Release') as SourceItem
    expect(conversationKey(release, { githubHosts: [host] })).toBe(
      `github:${host}/acme/api/releases/${release.externalId}`,
    )
  })

  it('says plainly that a fine-grained token cannot read notifications, and what to create instead', async () => {
    const { source } = await setUp({ token: 'github_pat_11AAAA' })
    const refused = await failureOf(source.verify())
    expect(refused.code).toBe('refused')
    expect(refused.message).toMatch(/fine-grained.*classic token.*notifications/s)
  })

  it('names the missing notifications scope, and a status change the token is not allowed', async () => {
    const { emulator, source } = await setUp()
    emulator.setScopes('repo:status')
    expect((await failureOf(source.verify())).message).toMatch(/not notifications/)
    emulator.setScopes('notifications')
    expect((await source.verify()).identity).toMatch(/^octocat \(The Octocat\) on 127\.0\.0\.1:\d+$/)
    const status = await failureOf(
      source.writeFocusStatus?.({ message: 'x', emoji: '', expiresAt: null, isDoNotDisturb: true }) ??
        Promise.resolve(),
    )
    expect(status.message).toMatch(/user scope/)
  })

  it.each([
    ['on another port of this computer', (port: number) => `http://127.0.0.1:${port}`],
    ['under another name for this computer, over plain http', (port: number) => `http://localhost:${port}`],
  ])(
    'never sends the token to a comment link %s, and stores the thread without that comment',
    async (_where, originOf) => {
      const { emulator, source } = await setUp({ enterprise: true })
      const other = await startOtherServer()
      emulator.say({
        title: 'Look at this',
        latestCommentUrl: `${originOf(other.port)}/api/v3/repos/acme/api/issues/comments/7`,
      })
      const items = await pulled(source)
      expect(other.seen.filter((headers) => headers.authorization !== undefined)).toEqual([])
      expect(items).toMatchObject([{ title: 'Look at this', author: { name: 'GitHub' } }])
    },
  )

  it.each([
    ['403', 'secondary'],
    ['429', '429'],
  ] as const)(
    'says GitHub asked Lull to slow down when a %s names a secondary rate limit without Retry-After',
    async (_status, kind) => {
      const { emulator, source } = await setUp()
      emulator.failList({ kind })
      const limited = await failureOf(source.pull('notifications', null))
      expect(limited.code).toBe('rate-limited')
      expect(limited.message).toContain('GitHub asked Lull to slow down')
    },
  )

  it('asks GitHub nothing for a minute after a secondary rate limit without Retry-After', async () => {
    const { emulator, source } = await setUp()
    emulator.failList({ kind: 'secondary' })
    await failureOf(source.pull('notifications', null))
    clock += 59_000
    await failureOf(source.pull('notifications', null))
    expect(emulator.listRequestCount()).toBe(1)
    clock += 1_000
    await source.pull('notifications', null)
    expect(emulator.listRequestCount()).toBe(2)
  })

  it('reads latest comments at most two at a time', async () => {
    const { emulator, source } = await setUp()
    for (let n = 0; n < 12; n++) emulator.say({ title: `thread ${n}`, comment: { body: `comment ${n}` } })
    emulator.setCommentDelay(20)
    expect(await pulled(source)).toHaveLength(12)
    expect(emulator.mostCommentsInFlight()).toBeLessThanOrEqual(2)
  })

  it('stops reading comments at a secondary rate limit, stores the page, and asks nothing more for a minute', async () => {
    const { emulator, source } = await setUp()
    for (let n = 0; n < 8; n++) emulator.say({ title: `thread ${n}`, comment: { body: `comment ${n}` } })
    emulator.setPollInterval(30)
    emulator.failComments({ kind: 'secondary' })
    const answer = await source.pull('notifications', null)
    const commentReads = () => emulator.paths().filter((path) => path.includes('/comments/')).length
    const readsAtLimit = commentReads()
    expect(answer.items).toHaveLength(8)
    expect(answer.pollAfterMs).toBeGreaterThanOrEqual(60_000)
    clock += 30_000
    expect((await failureOf(source.pull('notifications', answer.cursor))).code).toBe('rate-limited')
    expect(readsAtLimit).toBeLessThanOrEqual(2)
    expect(commentReads()).toBe(readsAtLimit)
  })

  it.each([
    ['422', /invalid \(422/],
    ['406', /would not answer in the form Lull asks for \(406/],
  ] as const)('names a %s for what it is, not as a GitHub that could not be reached', async (kind, words) => {
    const { emulator, source } = await setUp()
    emulator.failList({ kind })
    const refused = await failureOf(source.pull('notifications', null))
    expect(refused.message).toMatch(words)
    expect(refused.message).not.toMatch(/could not be reached/)
  })

  it.each([
    ['its Date keeps time', 'last-modified'],
    ['its Date is two hours ahead too', 'clock'],
  ] as const)(
    'does not keep a Last-Modified two hours ahead when %s: the next thread is read at the next poll',
    async (_when, part) => {
      const { emulator, source } = await setUp()
      emulator.say({ title: 'first' })
      emulator.skewNextAnswer(2 * 3_600_000, part)
      const first = await source.pull('notifications', null)
      clock += 60_000
      emulator.say({ title: 'second' })
      expect(await pulled(source, first.cursor)).toMatchObject([{ title: 'second' }])
    },
  )

  it('asks without its validator once an hour, and so reads what a stale 304 hid', async () => {
    const { emulator, source } = await setUp()
    const first = await source.pull('notifications', null)
    emulator.setStaleCache(true)
    emulator.say({ title: 'hidden by the cache' })
    const seen: string[] = []
    for (let minutes = 10; minutes <= 60; minutes += 10) {
      clock += 10 * 60_000
      seen.push(...(await pulled(source, first.cursor)).map((item) => item.title))
    }
    expect(seen).toEqual(['hidden by the cache'])
  })

  it('tells since when GitHub has answered only "nothing new"', async () => {
    const { source } = await setUp()
    const askedAt = clock
    const first = await source.pull('notifications', null)
    clock += 20 * 60_000
    expect((await source.pull('notifications', first.cursor)).notModifiedSince).toBe(askedAt)
  })

  it('puts back a status only an organisation could see for that organisation only', {
    timeout: statusTestMs,
  }, async () => {
    const { emulator, source } = await setUp()
    const onCall: FocusStatus = {
      message: 'On call for Acme',
      emoji: ':pager:',
      expiresAt: null,
      isDoNotDisturb: false,
      visibleTo: { id: 'O_kgDOAcme', name: 'Acme' },
    }
    emulator.setStatus(onCall)
    const focus = {
      readFocusStatus: () => readStatus(source),
      writeFocusStatus: (next: FocusStatus) => writeStatus(source, next),
    }
    const saved = await setFocusStatus(focus, clock + 3_600_000, 'Deep work')
    await restoreFocusStatus(focus, saved, clock + 60_000)
    expect(emulator.status()).toEqual(onCall)
  })

  it("sets Lull's busy status for everyone to see, whoever could see the one before", {
    timeout: statusTestMs,
  }, async () => {
    const { emulator, source } = await setUp()
    emulator.setStatus({
      message: 'Acme only',
      emoji: '',
      expiresAt: null,
      isDoNotDisturb: false,
      visibleTo: { id: 'O_kgDOAcme', name: 'Acme' },
    })
    const focus = {
      readFocusStatus: () => readStatus(source),
      writeFocusStatus: (next: FocusStatus) => writeStatus(source, next),
    }
    await setFocusStatus(focus, clock + 3_600_000, 'Deep work')
    expect(emulator.status().visibleTo).toBeUndefined()
  })
})

function readStatus(source: Source): Promise<FocusStatus> {
  if (!source.readFocusStatus) throw new Error('the GitHub source reads no status')
  return source.readFocusStatus()
}

function writeStatus(source: Source, status: FocusStatus): Promise<void> {
  if (!source.writeFocusStatus) throw new Error('the GitHub source sets no status')
  return source.writeFocusStatus(status)
}

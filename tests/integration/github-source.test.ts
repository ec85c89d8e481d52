// The GitHub source against its emulator, at the seams a GitHub user would
// notice: an unchanged inbox costs a 304, the poll interval is obeyed,
// rate limits are waited out without asking, bad tokens are named, and a
// GitHub Enterprise Server under /api/v3 works the same.
import { afterEach, describe, expect, it } from 'vitest'
import { createSourceContext } from '../../src/main/net'
import { createGithubSourceFactory } from '../../src/main/sources/github'
import { createLedger } from '../../src/main/sources/ledger'
import { HostError } from '../../src/shared/contract'
import { type GithubEmulator, startGithubEmulator } from '../emulators/github/server'

// The throttling plugin reads the primary limit's reset against the real
// clock, so the test clock starts at the real time (to the second).
let clock = Math.floor(Date.now() / 1000) * 1000
const now = () => clock
const running: GithubEmulator[] = []
afterEach(async () => {
  for (const emulator of running.splice(0)) await emulator.stop()
})

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
})

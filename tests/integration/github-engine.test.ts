// GitHub through the whole app in Node: the real engine and host, a fake
// IndexedDB, a clock moved by hand, and the GitHub emulator. A thread
// updated twice stays one item with its latest words; done is written to
// GitHub (through the outbox, retried by Octokit and then by the outbox);
// a thread with news after done is held again; a review request breaks
// through deep work when a rule names it; a status only an organisation
// could see is back as it was after focus.
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { FocusStatus } from '../../src/shared/contract'
import type { Settings } from '../../src/shared/model'
import { startGithubApp } from '../emulators/github/app'

const running: Array<{ stop(): Promise<void> }> = []
afterEach(async () => {
  for (const app of running.splice(0)) await app.stop()
})

async function startApp(settings: Partial<Settings> = {}) {
  const app = await startGithubApp({ start: '2026-11-24T12:00:00Z', settings, retryBaseMs: 10 })
  running.push(app)
  return app
}

describe('GitHub in the app', () => {
  it('keeps one item per thread with its latest words, and holds it again when news comes after done', async () => {
    const app = await startApp()
    const id = app.emulator.say({
      title: 'Flaky test on main',
      comment: { body: 'first failure', login: 'ci-bot' },
    })
    await app.at('2026-11-24T12:05:00Z')
    app.emulator.update(id, { comment: { body: 'failed again', login: 'dana' } })
    await app.at('2026-11-24T12:10:00Z')
    app.emulator.update(id, { comment: { body: 'and again', login: 'lee' } })
    await app.at('2026-11-24T12:15:00Z')
    const items = await app.db.items.toArray()
    const threads = items.filter((item) => item.accountId === app.account.id)
    expect(threads).toHaveLength(1)
    expect(threads[0]).toMatchObject({ text: 'and again', author: { name: 'lee' }, status: 'held' })

    await app.engine.checkInNow()
    const itemId = threads[0]?.id ?? ''
    expect(await app.engine.markDone(itemId)).toBe(true)
    await app.at('2026-11-24T12:16:00Z')
    expect(app.emulator.writes().done).toEqual([id])

    app.emulator.update(id, { comment: { body: 'reopened: it is back', login: 'dana' } })
    await app.at('2026-11-24T12:25:00Z')
    expect(await app.db.items.get(itemId)).toMatchObject({ status: 'held', text: 'reopened: it is back' })
  })

  // Octokit's throttling spaces writes a second apart, so this test takes real seconds.
  it('writes done through two GitHub errors in one go, and through five with the outbox retrying', {
    timeout: 30_000,
  }, async () => {
    const app = await startApp()
    const first = app.emulator.say({ title: 'one' })
    const second = app.emulator.say({ title: 'two' })
    await app.at('2026-11-24T12:05:00Z')
    await app.engine.checkInNow()
    const byExternal = async (externalId: string) =>
      (await app.db.items.toArray()).find((item) => item.externalId === externalId)?.id ?? ''

    app.emulator.failWrites('done', 2)
    await app.engine.markDone(await byExternal(first))
    await app.at('2026-11-24T12:05:30Z')
    expect(app.emulator.writes().done).toEqual([first])
    expect(await app.db.outbox.count()).toBe(0)

    app.emulator.failWrites('done', 5)
    await app.engine.markDone(await byExternal(second))
    await app.at('2026-11-24T12:06:00Z')
    expect(app.emulator.writes().done).toEqual([first])
    expect((await app.db.outbox.toArray())[0]).toMatchObject({ state: 'pending', attempts: 1 })
    await app.at('2026-11-24T12:07:30Z')
    expect(app.emulator.writes().done).toEqual([first, second])
    expect(await app.db.outbox.count()).toBe(0)
  })

  it('lets a review request through deep work when a rule names the reason, at the poll interval', async () => {
    const app = await startApp({
      deepWorkBlocks: [{ days: ['tue'], start: '11:00', end: '16:00' }],
      urgentRules: [{ id: 'reviews', kind: 'github-reason', reason: 'review_requested' }],
    })
    await app.at('2026-11-24T12:01:00Z')
    app.emulator.say({ title: 'Please review the hotfix', reason: 'review_requested', type: 'PullRequest' })
    app.emulator.say({ title: 'FYI: release notes', reason: 'subscribed' })
    for (let second = 5; second <= 120; second += 5) {
      await app.at(new Date(Date.parse('2026-11-24T12:01:00Z') + second * 1000).toISOString())
    }
    const items = (await app.db.items.toArray()).filter((item) => item.accountId === app.account.id)
    const review = items.find((item) => item.title === 'Please review the hotfix')
    expect(review).toMatchObject({ status: 'delivered', urgentRuleId: 'reviews' })
    expect(items.find((item) => item.title === 'FYI: release notes')?.status).toBe('held')
    expect((review?.receivedAt ?? 0) - (review?.sentAt ?? 0)).toBeLessThanOrEqual(60_000)
    expect(app.host.ports.notifications.some((notice) => notice.kind === 'breakthrough')).toBe(true)
  })

  // Octokit spaces GraphQL calls a second apart: reading and setting, then reading and restoring, take real seconds.
  it('puts back a status only an organisation could see, as it was, when focus ends', {
    timeout: 30_000,
  }, async () => {
    const app = await startApp()
    const onCall: FocusStatus = {
      message: 'On call for Acme',
      emoji: ':pager:',
      expiresAt: null,
      isDoNotDisturb: false,
      visibleTo: { id: 'O_kgDOAcme', name: 'Acme' },
    }
    app.emulator.setStatus(onCall)
    await app.engine.updateAccount(app.account.id, { isFocusStatusOn: true })
    await app.engine.startFocus({ kind: 'minutes', minutes: 45 })
    await vi.waitFor(() => expect(app.emulator.status().isDoNotDisturb).toBe(true), { timeout: 20_000 })
    await app.engine.endFocus()
    await vi.waitFor(() => expect(app.emulator.status()).toEqual(onCall), { timeout: 20_000 })
  })
})

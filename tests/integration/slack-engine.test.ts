// Slack through the whole app in Node: the real engine and host, a fake
// IndexedDB, a clock moved by hand, and the Slack emulator. With Socket
// Mode an urgent channel breaks through deep work within a second of being
// said, without waiting for a poll (no clock moves); without it, within the 30 s urgent
// poll. Focus sets the person's status and Do Not Disturb and puts theirs
// back afterwards.
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Settings } from '../../src/shared/model'
import { startSlackApp } from '../emulators/slack/app'
import type { SlackEmulator } from '../emulators/slack/server'

const running: Array<{ stop(): Promise<void> }> = []
afterEach(async () => {
  for (const app of running.splice(0)) await app.stop()
})

const deepWork: Partial<Settings> = {
  deepWorkBlocks: [{ days: ['tue'], start: '09:00', end: '17:00' }],
  urgentRules: [{ id: 'rule-incidents', kind: 'slack-channel', channel: '#incidents' }],
}

function workspace(emulator: SlackEmulator) {
  emulator.addUser('U0DANA', 'Dana Scully')
  emulator.addConversation({ id: 'C0GENERAL', name: 'general', kind: 'channel' })
  emulator.addConversation({ id: 'C0INCIDENTS', name: 'incidents', kind: 'channel' })
  emulator.addConversation({ id: 'D0DANA', name: 'D0DANA', kind: 'im', user: 'U0DANA' })
}

async function startApp(isSocketMode: boolean, settings: Partial<Settings> = deepWork) {
  const app = await startSlackApp({
    start: '2026-11-24T10:00:00Z',
    isSocketMode,
    settings,
    workspace,
    pick: (name) => name === 'general',
  })
  running.push(app)
  await app.at('2026-11-24T10:00:05Z')
  return app
}

const itemsOf = async (app: Awaited<ReturnType<typeof startApp>>) =>
  (await app.db.items.toArray()).filter((item) => item.accountId === app.account.id)

describe('Slack in the app', () => {
  it('lets an urgent channel through deep work within seconds over Socket Mode, and holds the rest', async () => {
    const app = await startApp(true)
    await vi.waitFor(() => expect(app.emulator.openSockets()).toBe(1), { timeout: 5_000 })
    app.emulator.say({ channel: 'C0GENERAL', text: 'lunch?' })
    const saidAt = Date.now()
    app.emulator.say({ channel: 'C0INCIDENTS', text: 'prod is down' })
    // The clock does not move: only the socket's wake-up can bring it in.
    await vi.waitFor(
      async () =>
        expect((await itemsOf(app)).find((item) => item.text === 'prod is down')?.status).toBe('delivered'),
      { timeout: 5_000, interval: 20 },
    )
    expect(Date.now() - saidAt).toBeLessThan(5_000)
    const items = await itemsOf(app)
    expect(items.find((item) => item.text === 'prod is down')?.urgentRuleId).toBe('rule-incidents')
    await app.at('2026-11-24T10:30:00Z')
    expect((await itemsOf(app)).find((item) => item.text === 'lunch?')?.status).toBe('held')
  })

  it('polls an urgent channel about every 30 s without an app-level token', async () => {
    const app = await startApp(false)
    app.emulator.say({ channel: 'C0INCIDENTS', text: 'prod is down' })
    for (let second = 10; second <= 40; second += 5)
      await app.at(new Date(Date.parse('2026-11-24T10:00:05Z') + second * 1000).toISOString())
    const item = (await itemsOf(app)).find((candidate) => candidate.text === 'prod is down')
    expect(item?.status).toBe('delivered')
    expect((item?.receivedAt ?? 0) - (item?.sentAt ?? 0)).toBeLessThanOrEqual(30_000 + 5_000)
  })

  it("sets the person's status and Do Not Disturb for a focus session and restores theirs after", async () => {
    const app = await startApp(false, { urgentRules: deepWork.urgentRules ?? [] })
    const theirs = { message: 'Reviewing', emoji: ':eyes:', expiresAt: null, isDoNotDisturb: false }
    app.emulator.setStatus(theirs)
    await app.engine.updateAccount(app.account.id, { isFocusStatusOn: true })
    await app.engine.startFocus({ kind: 'minutes', minutes: 45 })
    await vi.waitFor(() => expect(app.emulator.status().isDoNotDisturb).toBe(true), { timeout: 5_000 })
    expect(app.emulator.status().message).toBe('Deep work until 10:45, #incidents for emergencies')
    expect(app.emulator.status().expiresAt).toBe(Date.parse('2026-11-24T10:45:05Z'))
    await app.engine.endFocus()
    await vi.waitFor(() => expect(app.emulator.status()).toEqual(theirs), { timeout: 5_000 })
  })

  it("puts back the person's own Do Not Disturb until its end, apart from a status with no end", async () => {
    const app = await startApp(false, { urgentRules: deepWork.urgentRules ?? [] })
    const lunchEnds = Date.parse('2026-11-24T12:30:00Z')
    app.emulator.setStatus({ message: 'Lunch', emoji: ':sandwich:', expiresAt: null, isDoNotDisturb: false })
    app.emulator.setDnd(lunchEnds)
    await app.engine.updateAccount(app.account.id, { isFocusStatusOn: true })
    await app.engine.startFocus({ kind: 'minutes', minutes: 25 })
    await vi.waitFor(() => expect(app.emulator.status().message).toMatch(/^Deep work until/), {
      timeout: 5_000,
    })
    // Slack snoozes by whole minutes from now: focus ends on a minute, so the end can be exact.
    await app.at('2026-11-24T10:20:00Z')
    await app.engine.endFocus()
    // The snooze is written after the status: once it is back, both are.
    await vi.waitFor(() => expect(app.emulator.dnd().snoozeUntil).toBe(lunchEnds), { timeout: 5_000 })
    expect(app.emulator.status()).toMatchObject({ message: 'Lunch', expiresAt: null })
  })
})

// The reply to DMs held during deep work, through the whole app in Node:
// the real engine, host and Slack source against the Slack emulator, a fake
// IndexedDB and a clock moved by hand. Each person is told once a block,
// with the check-in their DM will be delivered at and the urgent channel;
// bots, people mid-conversation and anyone outside deep work are not; a
// stop at any point repeats nothing and loses nothing; a reply can be taken
// back; a token without chat:write is told so and Slack is asked nothing.
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { peopleTold, sentReplies } from '../../src/renderer/db/replies'
import { defaultDmReply, type Settings } from '../../src/shared/model'
import { startSlackApp } from '../emulators/slack/app'
import type { SlackEmulator } from '../emulators/slack/server'

const running: Array<{ stop(): Promise<void> }> = []
afterEach(async () => {
  for (const app of running.splice(0)) await app.stop()
})

/** Tuesday 24 November 2026 (London is on UTC): deep work 09:00–11:30, so the 09:30 check-in waits for 11:30. */
const tuesday = (time: string) => `2026-11-24T${time}Z`
const settings: Partial<Settings> = {
  deepWorkBlocks: [{ days: ['tue'], start: '09:00', end: '11:30' }],
  urgentRules: [{ id: 'rule-incidents', kind: 'slack-channel', channel: '#incidents' }],
}
const expectedText =
  "I'm heads-down until 11:30 and will read this at my 11:30 check-in. If it can't wait, post in #incidents."

function workspace(emulator: SlackEmulator) {
  emulator.addUser('U0ANN', 'Ann Lee')
  emulator.addUser('U0BEN', 'Ben Ode')
  emulator.addUser('U0CY', 'Cy Park')
  emulator.addUser('U0BOT', 'Deploy Bot', true)
  emulator.addConversation({ id: 'C0INCIDENTS', name: 'incidents', kind: 'channel' })
  for (const [id, user] of [
    ['D0ANN', 'U0ANN'],
    ['D0BEN', 'U0BEN'],
    ['D0CY', 'U0CY'],
    ['D0BOT', 'U0BOT'],
  ] as const)
    emulator.addConversation({ id, name: id, kind: 'im', user })
}

async function startApp(options: { withoutScope?: boolean } = {}) {
  const app = await startSlackApp({
    start: tuesday('08:40:00'),
    isSocketMode: false,
    settings,
    workspace: (emulator) => {
      workspace(emulator)
      if (options.withoutScope) emulator.withoutScope('chat:write')
    },
  })
  running.push(app)
  return app
}

type App = Awaited<ReturnType<typeof startApp>>

/** Move the clock to when the next messages are said. */
async function at(app: App, time: string) {
  await app.at(tuesday(time))
}

/** Pull every stream, as "sync now" does, a minute after the clock's time, and let the engine settle. */
async function sync(app: App, time: string) {
  await app.at(tuesday(time))
  await app.engine.syncNow()
  await app.engine.settled()
  await app.at(tuesday(time))
}

const postsTo = (app: App, channel: string) => app.emulator.posts().filter((post) => post.channel === channel)

async function turnOn(app: App) {
  expect(await app.engine.setDmReply(app.account.id, { ...defaultDmReply, isOn: true })).toEqual({ ok: true })
}

describe('the reply to DMs held during deep work, through the app', () => {
  it('tells each person once, with the check-in and the urgent channel; no bot, no one mid-conversation', async () => {
    const app = await startApp()
    await turnOn(app)
    await at(app, '08:50:00')
    app.emulator.say({ channel: 'D0CY', user: 'U0CY', text: 'about the deploy…' })
    await sync(app, '08:52:00')
    await at(app, '09:08:00')
    app.emulator.say({ channel: 'D0ANN', user: 'U0ANN', text: 'can you look at my PR?' })
    app.emulator.say({ channel: 'D0BEN', user: 'U0BEN', text: 'lunch later?' })
    app.emulator.say({ channel: 'D0BOT', user: 'U0BOT', text: 'build 42 passed' })
    app.emulator.say({ channel: 'D0CY', user: 'U0CY', text: 'and one more thing' })
    await sync(app, '09:10:00')
    await at(app, '09:18:00')
    app.emulator.say({ channel: 'D0BEN', user: 'U0BEN', text: 'or tomorrow?' })
    await sync(app, '09:20:00')

    const posts = app.emulator.posts()
    expect(posts.map((post) => post.channel).sort()).toEqual(['D0ANN', 'D0BEN'])
    for (const post of posts) expect(post.text).toBe(expectedText)
    // Nothing the DMs said is echoed back.
    expect(posts.some((post) => /PR|lunch|tomorrow/.test(post.text))).toBe(false)
    const replies = await app.db.replies.toArray()
    expect(replies.map((reply) => [reply.authorName, reply.state]).sort()).toEqual([
      ['Ann', 'sent'],
      ['Ben', 'sent'],
    ])
    expect(
      replies.every((reply) => reply.sentAt !== null && reply.checkInAt === Date.parse(tuesday('11:30:00'))),
    ).toBe(true)
    expect(await app.db.outbox.count()).toBe(0)
    // The DMs themselves are still held for the check-in.
    const ann = (await app.db.items.toArray()).find((item) => item.author.id === 'U0ANN')
    expect(ann?.status).toBe('held')
  })

  it('answers nobody while the reply is off (nor later, for what came before it was on), or outside deep work', async () => {
    const app = await startApp()
    await at(app, '09:04:00')
    app.emulator.say({ channel: 'D0ANN', user: 'U0ANN', text: 'morning!' })
    await sync(app, '09:05:00')
    expect(app.emulator.posts()).toEqual([])
    await turnOn(app)
    await sync(app, '09:06:00')
    expect(app.emulator.posts()).toEqual([])
    await at(app, '11:38:00')
    app.emulator.say({ channel: 'D0BEN', user: 'U0BEN', text: 'after the block' })
    await sync(app, '11:40:00')
    expect(app.emulator.posts()).toEqual([])
    expect(app.emulator.methodCount('chat.postMessage')).toBe(0)
  })

  it('a stop after the reply is stored and before Slack has it: the next start sends it once', async () => {
    const app = await startApp()
    await turnOn(app)
    // The post never reaches Slack (the connection drops), and then Lull stops.
    app.emulator.failMethod('chat.postMessage', { kind: 'drop' })
    await at(app, '09:08:00')
    app.emulator.say({ channel: 'D0ANN', user: 'U0ANN', text: 'ping' })
    await sync(app, '09:10:00')
    expect(app.emulator.posts()).toEqual([])
    expect(await app.db.outbox.count()).toBe(1)
    await app.restart()
    await sync(app, '09:11:00')
    await sync(app, '09:15:00')
    expect(postsTo(app, 'D0ANN').map((post) => post.text)).toEqual([expectedText])
    expect((await app.db.replies.toArray()).map((reply) => reply.state)).toEqual(['sent'])
    expect(await app.db.outbox.count()).toBe(0)
  })

  it('a post Slack took whose answer was lost, then a stop: the next start finds it and posts nothing again', async () => {
    const app = await startApp()
    await turnOn(app)
    app.emulator.loseNextPostAnswer()
    await at(app, '09:08:00')
    app.emulator.say({ channel: 'D0ANN', user: 'U0ANN', text: 'ping' })
    await sync(app, '09:10:00')
    expect(postsTo(app, 'D0ANN')).toHaveLength(1)
    expect((await app.db.replies.toArray()).map((reply) => reply.state)).toEqual(['sending'])
    await app.restart()
    await sync(app, '09:11:00')
    await sync(app, '09:20:00')
    expect(postsTo(app, 'D0ANN')).toHaveLength(1)
    expect((await app.db.replies.toArray()).map((reply) => reply.state)).toEqual(['sent'])
    expect(await app.db.outbox.count()).toBe(0)
  })

  it('a reply taken back is deleted from the DM, no longer shown or counted, and not sent again', async () => {
    const app = await startApp()
    await turnOn(app)
    await at(app, '09:08:00')
    app.emulator.say({ channel: 'D0ANN', user: 'U0ANN', text: 'ping' })
    await sync(app, '09:10:00')
    const [post] = postsTo(app, 'D0ANN')
    const [reply] = await app.db.replies.toArray()
    expect(reply?.ts).toBe(post?.ts)
    expect(await app.engine.takeBackReply(reply?.id ?? '')).toEqual({ ok: true })
    expect(app.emulator.isDeleted('D0ANN', post?.ts ?? '')).toBe(true)
    expect((await app.db.replies.get(reply?.id ?? ''))?.state).toBe('taken-back')
    expect((await sentReplies(app.db)).size).toBe(0)
    expect(await peopleTold(app.db, 0, Number.POSITIVE_INFINITY)).toBe(0)
    await at(app, '09:20:00')
    app.emulator.say({ channel: 'D0ANN', user: 'U0ANN', text: 'ping again' })
    await sync(app, '09:21:00')
    expect(postsTo(app, 'D0ANN')).toHaveLength(1)
  })

  it('a reply that could not be sent before the check-in it named is dropped, not sent late', async () => {
    const app = await startApp()
    await turnOn(app)
    app.emulator.failMethod('chat.postMessage', { kind: 'drop' })
    await at(app, '09:08:00')
    app.emulator.say({ channel: 'D0ANN', user: 'U0ANN', text: 'ping' })
    await sync(app, '09:10:00')
    // Lull was closed until after the 11:30 check-in.
    await app.restart()
    await sync(app, '11:45:00')
    expect(app.emulator.posts()).toEqual([])
    const [reply] = await app.db.replies.toArray()
    expect(reply?.state).toBe('expired')
    expect(reply?.error).toMatch(/check-in it named had passed/)
    expect(await app.db.outbox.count()).toBe(0)
  })

  it('a token without chat:write: turning the reply on says so, and Slack is never asked to post', async () => {
    const app = await startApp({ withoutScope: true })
    const outcome = await app.engine.setDmReply(app.account.id, { ...defaultDmReply, isOn: true })
    expect(outcome.ok).toBe(false)
    expect(!outcome.ok && outcome.note).toMatch(/lacks chat:write.*reinstall/)
    expect((await app.db.accounts.get(app.account.id))?.dmReply?.isOn ?? false).toBe(false)
    // Turned on some other way (a token changed since): the DM's reply fails with the note, no request made.
    await app.engine.updateAccount(app.account.id, { dmReply: { ...defaultDmReply, isOn: true } })
    await at(app, '09:08:00')
    app.emulator.say({ channel: 'D0ANN', user: 'U0ANN', text: 'ping' })
    await sync(app, '09:10:00')
    expect(app.emulator.methodCount('chat.postMessage')).toBe(0)
    const [reply] = await app.db.replies.toArray()
    expect(reply?.state).toBe('failed')
    expect(reply?.error).toMatch(/lacks chat:write/)
    expect(app.problems.some((problem) => problem.includes('chat:write'))).toBe(true)
  })
})

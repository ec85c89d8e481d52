// The Slack source against its emulator, at the seams a Slack user would
// notice: tokens and scopes named when wrong, names instead of ids, noise
// left out, edits and threads followed, mentions found anywhere, rate
// limits waited out, a socket that drops mid-burst losing nothing, and a
// big workspace read to its end.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSourceContext } from '../../src/main/net'
import { createLedger } from '../../src/main/sources/ledger'
import { createSlackSourceFactory } from '../../src/main/sources/slack'
import type { PullResult, Source } from '../../src/main/sources/source'
import { HostError } from '../../src/shared/contract'
import { conversationKey } from '../../src/shared/conversation'
import { SourceItem } from '../../src/shared/model'
import { startSlackEmulator } from '../emulators/slack/server'
import { richTextBlock } from '../emulators/slack/shapes'
import { unfurl } from '../unit/shared/conversation-samples'

let clock = Math.floor(Date.now() / 1000) * 1000
const now = () => clock
/** Socket events are real: give them time on a busy machine. */
const eventually = { timeout: 5_000, interval: 10 }
const running: Array<{ stop(): Promise<void> }> = []
const closers: Array<() => void> = []
afterEach(async () => {
  for (const close of closers.splice(0)) close()
  for (const emulator of running.splice(0)) await emulator.stop()
})

async function setUp(options: { appToken?: boolean; token?: string } = {}) {
  const emulator = await startSlackEmulator({ now })
  running.push(emulator)
  emulator.addUser('U0DANA', 'Dana Scully')
  emulator.addUser('U0LEE', 'Lee Adama')
  emulator.addUser('B0BOT', 'Deploy Bot', true)
  emulator.addConversation({ id: 'C0GENERAL', name: 'general', kind: 'channel' })
  emulator.addConversation({ id: 'C0INCIDENTS', name: 'incidents', kind: 'channel' })
  emulator.addConversation({ id: 'D0DANA', name: 'D0DANA', kind: 'im', user: 'U0DANA' })
  emulator.addConversation({ id: 'G0TRIO', name: 'mpdm-dana--lee--sam-1', kind: 'mpim' })
  const ledger = createLedger({ now })
  const context = createSourceContext({ baseFetch: globalThis.fetch, ledger, accountId: 'slack-1' })
  const logged: string[] = []
  const log = {
    info: (_scope: string, line: string) => logged.push(line),
    warn: (_scope: string, line: string) => logged.push(line),
  }
  const source = createSlackSourceFactory({ now, requestTimeoutMs: 2_000, log })(
    { id: 'slack-1', kind: 'slack' },
    {
      token: options.token ?? emulator.token(),
      baseUrl: emulator.url,
      ...(options.appToken ? { appToken: emulator.appToken() } : {}),
    },
    context,
  )
  return { emulator, source, ledger, logged }
}

async function failureOf(call: Promise<unknown>): Promise<HostError> {
  const error = await call.then(
    () => null,
    (reason: unknown) => reason,
  )
  if (error instanceof HostError) return error
  throw new Error(`expected a HostError, got ${String(error)}`)
}

type Item = SourceItem
async function pullAll(source: Source, stream: string, cursor: string | null = null) {
  const items: Item[] = []
  let next = cursor
  let answer: PullResult
  let pages = 0
  do {
    answer = await source.pull(stream, next)
    items.push(...answer.items.map((raw) => SourceItem.parse(raw)))
    next = answer.cursor
    pages += 1
  } while (answer.hasMore && pages < 1_000)
  return { items, cursor: next, pages }
}

/** Unhandled rejections while the test runs (a library throwing where nobody awaits it). */
function unhandledRejections(): unknown[] {
  const seen: unknown[] = []
  const listener = (reason: unknown) => seen.push(reason)
  process.on('unhandledRejection', listener)
  closers.push(() => process.off('unhandledRejection', listener))
  return seen
}

async function watch(source: Source, stream: string) {
  const changes: number[] = []
  const downs: string[] = []
  if (!source.watch) throw new Error('the Slack source with an app token can watch')
  const close = await source.watch(stream, {
    onChange: () => changes.push(Date.now()),
    onDown: (reason) => downs.push(reason),
  })
  closers.push(close)
  return { changes, downs, close }
}

describe('the Slack source', () => {
  it('names the person and workspace, and refuses a bot token, a missing scope and a wrong app token clearly', async () => {
    const { emulator, source } = await setUp({ appToken: true })
    expect((await source.verify()).identity).toBe('sam.self on Acme')

    const bot = await setUp({ token: 'xoxb-a-bot-token' })
    expect((await failureOf(bot.source.verify())).message).toMatch(/user token \(xoxp-/)

    const refused = await failureOf(
      createSlackSourceFactory({ now })(
        { id: 'slack-3', kind: 'slack' },
        { token: emulator.token(), appToken: 'xapp-wrong', baseUrl: emulator.url },
      ).verify(),
    )
    expect(refused.message).toMatch(/refused the app-level token/)

    emulator.withoutScope('users:read')
    const missing = await failureOf(source.verify())
    expect(missing.code).toBe('refused')
    expect(missing.message).toContain('users:read (to show who wrote each message)')
    emulator.revoke()
    const revoked = await failureOf(source.verify())
    expect(revoked.code).toBe('bad-credentials')
    expect(revoked.message).toMatch(/Reinstall Lull's app/)
  })

  it('offers DMs, group DMs, mentions and threads picked, and channels to pick', async () => {
    const { source } = await setUp()
    const streams = await source.listStreams()
    expect(streams).toEqual([
      { id: 'mentions', name: 'Mentions of you', source: 'slack' },
      { id: 'threads', name: 'Threads you are in', source: 'slack' },
      { id: 'D0DANA', name: '@Dana', source: 'slack' },
      { id: 'G0TRIO', name: '@dana, @lee, @sam', source: 'slack' },
      { id: 'C0GENERAL', name: '#general', source: 'slack', isPicked: false },
      { id: 'C0INCIDENTS', name: '#incidents', source: 'slack', isPicked: false },
    ])
  })

  it('makes items with names, a permalink, a thread key and needs-reply, and leaves out bots, joins and the person', async () => {
    const { emulator, source } = await setUp()
    await source.listStreams()
    const said = emulator.say({
      channel: 'C0GENERAL',
      user: 'U0LEE',
      text: '<@U0SELF> see <https://acme.dev/r|the runbook> in <#C0INCIDENTS> :fire:',
    })
    emulator.say({ channel: 'C0GENERAL', user: 'U0LEE', text: 'just chatting' })
    emulator.say({
      channel: 'C0GENERAL',
      user: 'B0BOT',
      text: 'deployed',
      subtype: 'bot_message',
      botId: 'B1',
    })
    emulator.say({ channel: 'C0GENERAL', user: 'B0BOT', text: 'deployed again' })
    emulator.say({ channel: 'C0GENERAL', user: 'U0DANA', text: 'has joined', subtype: 'channel_join' })
    emulator.say({ channel: 'C0GENERAL', user: 'U0SELF', text: 'my own words' })
    const { items } = await pullAll(source, 'C0GENERAL')
    expect(items.map((item) => item.text)).toEqual([
      '@Sam see the runbook in #incidents :fire:',
      'just chatting',
    ])
    expect(items[0]).toMatchObject({
      id: `slack-1:C0GENERAL:${said}`,
      externalId: `C0GENERAL:${said}`,
      container: '#general',
      author: { id: 'U0LEE', name: 'Lee' },
      title: 'Lee in #general',
      threadKey: `slack:C0GENERAL:${said}`,
      url: `https://acme.slack.com/archives/C0GENERAL/p${said.replace('.', '')}`,
      needsReply: true,
    })
    expect(items[1]?.needsReply).toBe(false)

    emulator.say({ channel: 'D0DANA', user: 'U0DANA', text: 'quick question' })
    const dm = (await pullAll(source, 'D0DANA')).items
    expect(dm[0]).toMatchObject({ title: 'Message from Dana', container: '@Dana', needsReply: true })
  })

  it('shows what a message shares instead of "Message from Dana": a shared message, files, blocks without text', async () => {
    const { emulator, source } = await setUp()
    await source.listStreams()
    emulator.say({
      channel: 'D0DANA',
      text: '',
      attachments: [
        {
          is_share: true,
          is_msg_unfurl: true,
          author_id: 'U0LEE',
          author_name: 'Lee',
          text: 'prod &lt;3 <@U0SELF>',
        },
      ],
    })
    emulator.say({
      channel: 'D0DANA',
      text: '',
      subtype: 'file_share',
      files: [
        { id: 'F1', name: 'q3-report.pdf', title: 'Q3 report' },
        { id: 'F2', name: 'chart.png' },
      ],
    })
    emulator.say({
      channel: 'D0DANA',
      text: '',
      blocks: [
        richTextBlock([
          { type: 'text', text: 'ask ' },
          { type: 'user', user_id: 'U0LEE' },
          { type: 'text', text: ' about <the> ' },
          { type: 'link', url: 'https://acme.dev/r', text: 'runbook' },
        ]),
      ],
    })
    const { items } = await pullAll(source, 'D0DANA')
    expect(items.map((item) => item.text)).toEqual([
      'Shared a message from Lee:\nprod <3 @Sam',
      'Shared 2 files: Q3 report, chart.png',
      'ask @Lee about <the> runbook',
    ])
  })

  it('keeps the GitHub links a message carries in its text, its unfurl and its blocks, and no other link', async () => {
    const { emulator, source } = await setUp()
    await source.listStreams()
    const pr = 'https://github.com/acme/api/pull/123'
    emulator.say({ channel: 'D0DANA', text: `can you look at <${pr}>?`, attachments: [unfurl(pr)] })
    emulator.say({
      channel: 'D0DANA',
      text: '',
      blocks: [
        richTextBlock([
          { type: 'text', text: 'see ' },
          { type: 'link', url: 'https://ghe.acme.test/acme/api/issues/9', text: 'the issue' },
          { type: 'text', text: ' and ' },
          { type: 'link', url: 'https://acme.dev/runbook', text: 'runbook' },
        ]),
      ],
    })
    emulator.say({ channel: 'D0DANA', text: 'lunch?' })
    const { items } = await pullAll(source, 'D0DANA')
    expect(items.map((item) => item.facts?.links)).toEqual([
      [pr],
      ['https://ghe.acme.test/acme/api/issues/9'],
      undefined,
    ])
    const keys = items.map((item) => conversationKey(item, { githubHosts: ['ghe.acme.test'] }))
    expect(keys.slice(0, 2)).toEqual(['github:github.com/acme/api#123', 'github:ghe.acme.test/acme/api#9'])
    expect(keys[2]).toMatch(/^slack:slack-[^:]+:D0DANA:\d+\.\d+$/)
  })

  it('counts a mention of a user group the person is in as needing a reply, and @here, @channel or another group not', async () => {
    const { emulator, source } = await setUp()
    emulator.addUserGroup('S0ONCALL', 'oncall', ['U0SELF', 'U0LEE'])
    emulator.addUserGroup('S0DESIGN', 'design', ['U0DANA'])
    await source.listStreams()
    emulator.say({ channel: 'C0GENERAL', text: 'paging <!subteam^S0ONCALL|@oncall>' })
    emulator.say({ channel: 'C0GENERAL', text: '<!here> lunch is here' })
    emulator.say({ channel: 'C0GENERAL', text: '<!channel> all hands at 3' })
    emulator.say({ channel: 'C0GENERAL', text: 'cc <!subteam^S0DESIGN|@design>' })
    emulator.say({
      channel: 'C0GENERAL',
      text: '',
      blocks: [richTextBlock([{ type: 'usergroup', usergroup_id: 'S0ONCALL' }])],
    })
    const { items } = await pullAll(source, 'C0GENERAL')
    expect(items.map((item) => item.needsReply)).toEqual([true, false, false, false, true])
  })

  it('keeps markup that tries to inject HTML as text', async () => {
    const { emulator, source } = await setUp()
    await source.listStreams()
    emulator.say({
      channel: 'D0DANA',
      text: '&lt;img src=x onerror=alert(1)&gt; &lt;a href="javascript:x"&gt;hi&lt;/a&gt;',
    })
    const [item] = (await pullAll(source, 'D0DANA')).items
    expect(item?.text).toBe('<img src=x onerror=alert(1)> <a href="javascript:x">hi</a>')
  })

  it('finds mentions of the person in channels they did not pick', async () => {
    const { emulator, source } = await setUp()
    await source.listStreams()
    const first = await pullAll(source, 'mentions')
    expect(first.items).toEqual([])
    clock += 60_000
    const ts = emulator.say({ channel: 'C0INCIDENTS', user: 'U0DANA', text: 'paging <@U0SELF>' })
    emulator.say({ channel: 'C0INCIDENTS', user: 'U0DANA', text: 'not you' })
    const second = await pullAll(source, 'mentions', first.cursor)
    expect(second.items.map((item) => [item.id, item.stream, item.needsReply])).toEqual([
      [`slack-1:C0INCIDENTS:${ts}`, 'mentions', true],
    ])
    expect((await pullAll(source, 'mentions', second.cursor)).items).toEqual([])
  })

  it("titles a mention in a channel the person is not in with the channel's name", async () => {
    const { emulator, source } = await setUp()
    emulator.addConversation({ id: 'C0OPS', name: 'ops', kind: 'channel', isMember: false })
    await source.listStreams()
    const first = await pullAll(source, 'mentions')
    clock += 60_000
    emulator.say({ channel: 'C0OPS', user: 'U0DANA', text: 'can <@U0SELF> look?' })
    const { items } = await pullAll(source, 'mentions', first.cursor)
    expect(items.map((item) => [item.title, item.container])).toEqual([['Dana in #ops', '#ops']])
  })

  it('follows the threads the person wrote in: replies by others arrive under the thread', async () => {
    const { emulator, source } = await setUp()
    await source.listStreams()
    const parent = emulator.say({ channel: 'C0GENERAL', user: 'U0DANA', text: 'RFC: new cache' })
    emulator.say({ channel: 'C0GENERAL', user: 'U0SELF', text: 'I like it', threadTs: parent })
    const first = await pullAll(source, 'threads')
    expect(first.items).toEqual([])
    clock += 60_000
    const reply = emulator.say({
      channel: 'C0GENERAL',
      user: 'U0LEE',
      text: 'what about eviction?',
      threadTs: parent,
    })
    const second = await pullAll(source, 'threads', first.cursor)
    expect(second.items.map((item) => [item.id, item.threadKey, item.title])).toEqual([
      [`slack-1:C0GENERAL:${reply}`, `slack:C0GENERAL:${parent}`, 'Lee replied in a thread in #general'],
    ])
    expect(second.items[0]?.url).toContain(`thread_ts=${parent}`)
    expect((await pullAll(source, 'threads', second.cursor)).items).toEqual([])
  })

  it('updates an edited message in place', async () => {
    const { emulator, source } = await setUp({ appToken: true })
    await source.listStreams()
    const seen = await watch(source, 'C0GENERAL')
    const ts = emulator.say({ channel: 'C0GENERAL', user: 'U0DANA', text: 'teh build is red' })
    const first = await pullAll(source, 'C0GENERAL')
    emulator.edit('C0GENERAL', ts, 'the build is red')
    await vi.waitFor(() => expect(seen.changes.length).toBeGreaterThanOrEqual(2), eventually)
    const second = await pullAll(source, 'C0GENERAL', first.cursor)
    expect(second.items.map((item) => [item.id, item.text])).toEqual([
      [`slack-1:C0GENERAL:${ts}`, 'the build is red'],
    ])
  })

  it('gives a message its sender deleted again under its id, saying it was deleted and waiting on no one', async () => {
    const { emulator, source } = await setUp({ appToken: true })
    await source.listStreams()
    const seen = await watch(source, 'D0DANA')
    const ts = emulator.say({ channel: 'D0DANA', user: 'U0DANA', text: 'call me about the outage' })
    const first = await pullAll(source, 'D0DANA')
    emulator.remove('D0DANA', ts)
    await vi.waitFor(() => expect(seen.changes.length).toBeGreaterThanOrEqual(2), eventually)
    const second = await pullAll(source, 'D0DANA', first.cursor)
    expect(second.items.map((item) => [item.id, item.title, item.text, item.needsReply])).toEqual([
      [`slack-1:D0DANA:${ts}`, 'Message from Dana', '(deleted by the sender)', false],
    ])
    expect((await pullAll(source, 'D0DANA', second.cursor)).items).toEqual([])
  })

  it("retracts a thread's parent deleted under its replies (Slack's tombstone) like any deleted message", async () => {
    const { emulator, source } = await setUp({ appToken: true })
    await source.listStreams()
    const seen = await watch(source, 'C0GENERAL')
    const parent = emulator.say({ channel: 'C0GENERAL', user: 'U0DANA', text: 'deploy at 5?' })
    emulator.say({ channel: 'C0GENERAL', user: 'U0LEE', text: 'sure', threadTs: parent })
    const first = await pullAll(source, 'C0GENERAL')
    emulator.remove('C0GENERAL', parent)
    await vi.waitFor(() => expect(seen.changes.length).toBeGreaterThanOrEqual(3), eventually)
    const second = await pullAll(source, 'C0GENERAL', first.cursor)
    expect(second.items.map((item) => [item.id, item.author.name, item.text])).toEqual([
      [`slack-1:C0GENERAL:${parent}`, 'Dana', '(deleted by the sender)'],
    ])
  })

  it('says nothing of a deleted message Lull never gave', async () => {
    const { emulator, source } = await setUp({ appToken: true })
    await source.listStreams()
    const seen = await watch(source, 'C0GENERAL')
    const first = await pullAll(source, 'C0GENERAL')
    const ts = emulator.say({ channel: 'C0GENERAL', user: 'U0DANA', text: 'oops, wrong channel' })
    emulator.remove('C0GENERAL', ts)
    await vi.waitFor(() => expect(seen.changes.length).toBeGreaterThanOrEqual(2), eventually)
    expect((await pullAll(source, 'C0GENERAL', first.cursor)).items).toEqual([])
  })

  it('reads names without the bidi controls and zero-width characters that would disguise them', async () => {
    const { emulator, source } = await setUp()
    emulator.rename({ user: 'sam\u202Eflesm', team: 'Ac\u200Bme' })
    emulator.addUser('U0EVE', 'E\u2066ve\u200D Moneypenny')
    emulator.addConversation({ id: 'D0EVE', name: 'D0EVE', kind: 'im', user: 'U0EVE' })
    emulator.addConversation({ id: 'C0SNEAKY', name: 'gen\u200Eeral', kind: 'channel' })
    expect((await source.verify()).identity).toBe('samflesm on Acme')
    await source.listStreams()
    emulator.say({ channel: 'D0EVE', user: 'U0EVE', text: 'hi' })
    emulator.say({ channel: 'C0SNEAKY', user: 'U0EVE', text: 'hello' })
    const [direct] = (await pullAll(source, 'D0EVE')).items
    const [channel] = (await pullAll(source, 'C0SNEAKY')).items
    expect([direct?.author.name, direct?.title, direct?.container]).toEqual([
      'Eve',
      'Message from Eve',
      '@Eve',
    ])
    expect(channel?.title).toBe('Eve in #general')
  })

  it('refuses a base URL that is not https, except http on this computer', () => {
    const connect = (baseUrl: string) => () =>
      createSlackSourceFactory({ now })({ id: 'slack-9', kind: 'slack' }, { token: 'xoxp-1', baseUrl })
    expect(connect('http://slack.example.com/api/')).toThrow(/over https only/)
    expect(connect('ftp://slack.example.com/api/')).toThrow(HostError)
    expect(connect('https://slack.example.com/api/')).not.toThrow()
    expect(connect('http://127.0.0.1:9/api/')).not.toThrow()
  })

  it('names not_in_channel, channel_not_found and a scope missing at pull time', async () => {
    const { emulator, source } = await setUp()
    await source.listStreams()
    emulator.failMethod('conversations.history', { kind: 'error', error: 'not_in_channel' })
    expect((await failureOf(source.pull('C0GENERAL', null))).message).toMatch(
      /no longer a member of #general/,
    )
    emulator.failMethod('conversations.history', { kind: 'error', error: 'channel_not_found' })
    expect((await failureOf(source.pull('C0GENERAL', null))).message).toMatch(
      /Slack has no #general any more/,
    )
    emulator.failMethod('conversations.history', {
      kind: 'error',
      error: 'missing_scope',
      needed: 'groups:history',
    })
    expect((await failureOf(source.pull('C0GENERAL', null))).message).toContain(
      'groups:history (to read the private channels you watch)',
    )
    expect((await failureOf(source.pull('C0GONE', null))).message).toMatch(
      /not in the Slack conversation C0GONE/,
    )
  })

  it('waits out ratelimited with Retry-After for that method only, asking nothing of it before', async () => {
    const { emulator, source, ledger } = await setUp()
    await source.listStreams()
    emulator.failPull({ kind: '429', retryAfterSeconds: 30 })
    const limited = await failureOf(source.pull('C0GENERAL', null))
    expect(limited.code).toBe('rate-limited')
    expect(limited.message).toContain(new Date(clock + 30_000).toISOString())
    const before = emulator.methodCount('conversations.history')
    clock += 29_000
    await failureOf(source.pull('C0GENERAL', null))
    expect(emulator.methodCount('conversations.history')).toBe(before)
    // Other methods keep their own limits: mentions are still read.
    await source.pull('mentions', null)
    clock += 1_000
    await source.pull('C0GENERAL', null)
    expect(emulator.methodCount('conversations.history')).toBe(before + 1)
    expect(ledger.summary(0).find((entry) => entry.result === 'rate-limited')?.count).toBe(1)
  })

  it('loses nothing and repeats nothing when the socket drops mid-burst', async () => {
    const { emulator, source } = await setUp({ appToken: true })
    await source.listStreams()
    const first = await watch(source, 'C0INCIDENTS')
    const texts = Array.from({ length: 12 }, (_, index) => `burst ${index}`)
    for (const text of texts.slice(0, 5)) emulator.say({ channel: 'C0INCIDENTS', text })
    await vi.waitFor(() => expect(first.changes.length).toBe(5), eventually)
    // Every envelope is acknowledged at once.
    await vi.waitFor(() => expect(emulator.envelopes().acked).toEqual(emulator.envelopes().sent), eventually)
    const before = await pullAll(source, 'C0INCIDENTS')
    emulator.say({ channel: 'C0INCIDENTS', text: texts[5] ?? '' })
    emulator.dropSockets()
    await vi.waitFor(() => expect(first.downs).toHaveLength(1), eventually)
    for (const text of texts.slice(6)) emulator.say({ channel: 'C0INCIDENTS', text })
    // The platform reopens the watch and pulls from the stored cursor.
    const second = await watch(source, 'C0INCIDENTS')
    const after = await pullAll(source, 'C0INCIDENTS', before.cursor)
    const all = [...before.items, ...after.items].map((item) => item.text)
    expect(all).toEqual(texts)
    expect(second.downs).toEqual([])
  })

  it('acknowledges an envelope without a payload, ignores it without a rejection, and keeps delivering', async () => {
    const rejections = unhandledRejections()
    const { emulator, source, logged } = await setUp({ appToken: true })
    await source.listStreams()
    const seen = await watch(source, 'D0DANA')
    emulator.sendEnvelopeWithoutPayload()
    emulator.say({ channel: 'D0DANA', text: 'still there?' })
    await vi.waitFor(() => expect(seen.changes).toHaveLength(1), eventually)
    await vi.waitFor(() => expect(emulator.envelopes().acked).toEqual(emulator.envelopes().sent), eventually)
    expect(emulator.envelopes().sent).toHaveLength(2)
    expect(rejections).toEqual([])
    expect(seen.downs).toEqual([])
    expect(logged).toEqual(['Slack sent an envelope without an event (no payload); acknowledged and ignored'])
  })

  it('acknowledges app_rate_limited without a rejection and wakes every watched stream to catch up', async () => {
    const rejections = unhandledRejections()
    const { emulator, source } = await setUp({ appToken: true })
    await source.listStreams()
    const dana = await watch(source, 'D0DANA')
    const general = await watch(source, 'C0GENERAL')
    emulator.sayAppRateLimited()
    await vi.waitFor(() => expect(emulator.envelopes().acked).toEqual(emulator.envelopes().sent), eventually)
    expect([dana.changes.length, general.changes.length]).toEqual([1, 1])
    emulator.say({ channel: 'D0DANA', text: 'after the limit' })
    await vi.waitFor(() => expect(dana.changes).toHaveLength(2), eventually)
    expect(rejections).toEqual([])
  })

  it('tells the person Socket Mode is off in the Slack app, and does not reopen it at once', async () => {
    const { emulator, source } = await setUp({ appToken: true })
    await source.listStreams()
    const seen = await watch(source, 'D0DANA')
    emulator.sayDisconnect('link_disabled')
    await vi.waitFor(() => expect(seen.downs).toHaveLength(1), eventually)
    expect(seen.downs[0]).toMatch(/Socket Mode is off in your Slack app's settings.*Turn it on/)
    const opens = emulator.methodCount('apps.connections.open')
    const again = await failureOf(watch(source, 'D0DANA'))
    expect(again.message).toMatch(/Socket Mode is off/)
    expect(emulator.methodCount('apps.connections.open')).toBe(opens)
  })

  it('goes down when Slack says disconnect, so the platform reopens it', async () => {
    const { emulator, source } = await setUp({ appToken: true })
    await source.listStreams()
    const seen = await watch(source, 'D0DANA')
    emulator.sayDisconnect()
    await vi.waitFor(() => expect(seen.downs).toHaveLength(1), eventually)
    await watch(source, 'D0DANA')
    expect(emulator.openSockets()).toBe(1)
  })

  it('answers a quiet stream without a request while the socket is up, and asks again once it hears something', async () => {
    const { emulator, source } = await setUp({ appToken: true })
    await source.listStreams()
    const seen = await watch(source, 'C0INCIDENTS')
    emulator.say({ channel: 'C0GENERAL', text: 'hello' })
    await vi.waitFor(() => expect(emulator.envelopes().acked.length).toBe(1), eventually)
    const first = await pullAll(source, 'C0GENERAL')
    const before = emulator.requestCount()
    expect((await source.pull('C0GENERAL', first.cursor)).items).toEqual([])
    expect(emulator.requestCount()).toBe(before)
    emulator.say({ channel: 'C0GENERAL', text: 'news' })
    await vi.waitFor(() => expect(emulator.envelopes().acked.length).toBe(2), eventually)
    const news = await source.pull('C0GENERAL', first.cursor)
    expect(news.items).toHaveLength(1)
    expect(emulator.requestCount()).toBe(before + 1)
    // Every few hours a quiet stream is asked anyway, in case an event was lost.
    clock += 3 * 60 * 60_000
    await source.pull('C0GENERAL', news.cursor)
    expect(emulator.requestCount()).toBe(before + 2)
    void seen
  })

  // A thousand history requests on loopback: seconds, more on a busy machine.
  it('reads a workspace of 1,000 channels and 10,000 messages to its end, each message once', {
    timeout: 30_000,
  }, async () => {
    const { emulator, source } = await setUp()
    for (let index = 0; index < 1_000; index++) {
      const id = `C${String(index).padStart(5, '0')}`
      emulator.addConversation({ id, name: `team-${index}`, kind: 'channel' })
      emulator.seed(
        id,
        Array.from({ length: 10 }, (_, n) => `message ${index}/${n}`),
      )
    }
    const streams = await source.listStreams()
    expect(streams.filter((stream) => stream.isPicked === false)).toHaveLength(1_002)
    expect(emulator.methodCount('users.conversations')).toBe(6)
    const ids = new Set<string>()
    let count = 0
    for (const stream of streams.filter((candidate) => /^C\d{5}$/.test(candidate.id))) {
      const { items } = await pullAll(source, stream.id)
      for (const item of items) ids.add(item.id)
      count += items.length
    }
    expect(count).toBe(10_000)
    expect(ids.size).toBe(10_000)
    expect(emulator.methodCount('users.list')).toBe(1)
  })

  it('pages a channel backlog bigger than a page from the top down, every message once', async () => {
    const { emulator, source } = await setUp()
    await source.listStreams()
    emulator.seed(
      'C0GENERAL',
      Array.from({ length: 450 }, (_, n) => `old ${n}`),
    )
    const { items, pages, cursor } = await pullAll(source, 'C0GENERAL')
    expect(pages).toBe(3)
    expect(new Set(items.map((item) => item.text)).size).toBe(450)
    emulator.say({ channel: 'C0GENERAL', text: 'new one' })
    expect((await pullAll(source, 'C0GENERAL', cursor)).items.map((item) => item.text)).toEqual(['new one'])
  })
})

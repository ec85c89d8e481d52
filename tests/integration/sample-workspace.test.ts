// The sample workspace as a source: believable, idempotent, and through
// the same contract as a real source.
import { describe, expect, it } from 'vitest'
import { noStatus } from '../../src/main/sources/focus-status'
import { createSampleWorkspace } from '../../src/main/sources/sample'
import { sampleStreams } from '../../src/main/sources/sample/traffic'
import { SourceItem } from '../../src/shared/model'

describe('sample workspace', () => {
  it('gives the same items for the same cursor', async () => {
    let now = Date.parse('2026-11-23T10:00:00Z')
    const source = createSampleWorkspace({ now: () => now }).factory({ id: 'sample', kind: 'sample' }, null)
    const first = await source.pull('slack-eng-backend', null)
    now += 10 * 60_000
    const next = await source.pull('slack-eng-backend', first.cursor)
    const again = await source.pull('slack-eng-backend', first.cursor)
    expect(again).toEqual(next)
    const ids = [...first.items, ...next.items].map((item) => (item as SourceItem).id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('produces valid items on every stream, an urgent one within the first minute, at a believable pace', async () => {
    const start = Date.parse('2026-11-23T10:00:00Z')
    let now = start
    const source = createSampleWorkspace({ now: () => now, backlogMs: 0 }).factory(
      { id: 'sample', kind: 'sample' },
      null,
    )
    const cursors = new Map<string, string | null>()
    const seen: SourceItem[] = []
    // The first pull sets each stream's origin; the next ones read what was said since.
    for (const minutes of [0, 1, 60]) {
      now = start + minutes * 60_000
      for (const stream of sampleStreams) {
        const answer = await source.pull(stream.id, cursors.get(stream.id) ?? null)
        cursors.set(stream.id, answer.cursor)
        seen.push(...answer.items.map((item) => SourceItem.parse(item)))
      }
      if (minutes === 1) expect(seen.some((item) => item.container === '#incidents')).toBe(true)
    }
    expect(new Set(seen.map((item) => item.source))).toEqual(new Set(['slack', 'github', 'email']))
    // One message every 15–60 s on average: busy enough to watch, calm enough to believe.
    expect(seen.length).toBeGreaterThan(60)
    expect(seen.length).toBeLessThan(240)
    // Some Slack messages are replies in an earlier message's thread.
    const slack = seen.filter((item) => item.source === 'slack')
    const replies = slack.filter(
      (item) => item.threadKey !== `slack:${item.stream}:${item.externalId.split('-').at(-1)}`,
    )
    expect(replies.length).toBeGreaterThan(0)
    expect(replies.length).toBeLessThan(slack.length)
  })

  it('hands injected messages to the next pull of their stream only', async () => {
    const workspace = createSampleWorkspace({ isScripted: false })
    const source = workspace.factory({ id: 'sample', kind: 'sample' }, null)
    const empty = await source.pull('slack-general', null)
    expect(empty.items).toEqual([])
    const said = workspace.inject({
      source: 'slack',
      stream: 'slack-general',
      threadKey: 't',
      container: '#general',
      author: { id: 'U1', name: 'Dana' },
      title: 'hi',
      text: 'hi',
      sentAt: 1,
      needsReply: false,
    })
    expect((await source.pull('slack-eng-backend', null)).items).toEqual([])
    const next = await source.pull('slack-general', empty.cursor)
    expect(next.items).toEqual([said])
    expect((await source.pull('slack-general', next.cursor)).items).toEqual([])
  })

  it('offers push watches only when asked, since a watched stream is polled slowly', () => {
    const account = { id: 'sample', kind: 'sample' } as const
    expect(createSampleWorkspace().factory(account, null).watch).toBeUndefined()
    expect(createSampleWorkspace({ canWatch: true }).factory(account, null).watch).toBeTypeOf('function')
  })

  it('starts with no status, as a person who set none', async () => {
    const source = createSampleWorkspace().factory({ id: 'sample', kind: 'sample' }, null)
    expect(await source.readFocusStatus?.()).toEqual(noStatus)
  })

  it('has scripted traffic push to the watch of the stream that spoke, and stop when the last watch closes', async () => {
    // Slot 2 is #incidents speaking; slots 0 and 1 are someone else or nobody.
    let now = Date.parse('2026-11-23T12:00:00Z')
    const timers = new Set<() => void>()
    const workspace = createSampleWorkspace({
      canWatch: true,
      slotMs: 15_000,
      backlogMs: 0,
      now: () => now,
      setTimer: (callback, ms) => {
        expect(ms).toBe(1_000)
        timers.add(callback)
        return () => timers.delete(callback)
      },
    })
    const source = workspace.factory({ id: 'sample', kind: 'sample' }, null)
    const changes: string[] = []
    const closeIncidents = await source.watch?.('slack-incidents', {
      onChange: () => changes.push('slack-incidents'),
      onDown: () => {},
    })
    const closeGeneral = await source.watch?.('slack-general', {
      onChange: () => changes.push('slack-general'),
      onDown: () => {},
    })
    await source.pull('slack-incidents', null)
    await source.pull('slack-general', null)
    const fireTicks = async () => {
      for (const fire of [...timers]) {
        timers.delete(fire)
        fire()
      }
      await Promise.resolve()
    }
    now += 20_000
    await fireTicks()
    expect(changes).toEqual([])
    now += 15_000
    await fireTicks()
    expect(changes).toEqual(['slack-incidents'])
    expect(timers.size).toBe(1)
    closeIncidents?.()
    closeGeneral?.()
    expect(timers.size).toBe(0)
  })
})

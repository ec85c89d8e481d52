// Push watches stay open for the streams asked for: a watch that goes down
// is retried with jittered exponential backoff and pulled once when back;
// everything closes cleanly, leaving no timers behind.
import { describe, expect, it } from 'vitest'
import { createEventHub } from '../../../src/main/events'
import { createLog } from '../../../src/main/log'
import type { Source, WatchHandlers } from '../../../src/main/sources/source'
import { createWatchManager, defaultBackoff, retryDelay } from '../../../src/main/sources/watches'
import type { EventName } from '../../../src/shared/contract'
import { ManualClock } from '../../support/manual-clock'

const start = Date.UTC(2025, 2, 3, 9, 0, 0)
const slack = { id: 'slack-1', kind: 'slack' } as const
const github = { id: 'github-1', kind: 'github' } as const

type Attempt = {
  stream: string
  handlers: WatchHandlers
  isClosed: boolean
  open(): void
  fail(reason: string): void
}

/** A source whose watches open, fail or hang as the test says. */
class ScriptedSource implements Source {
  readonly attempts: Attempt[] = []
  /** What a new watch does by itself; 'hang' leaves it to the test. */
  next: 'open' | 'fail' | 'hang' = 'open'

  async verify() {
    return { identity: 'scripted' }
  }
  async listStreams() {
    return []
  }
  async pull() {
    return { items: [], cursor: null }
  }
  watch(stream: string, handlers: WatchHandlers): Promise<() => void> {
    return new Promise((resolve, reject) => {
      const attempt: Attempt = {
        stream,
        handlers,
        isClosed: false,
        open: () =>
          resolve(() => {
            attempt.isClosed = true
          }),
        fail: (reason) => reject(new Error(reason)),
      }
      this.attempts.push(attempt)
      if (this.next === 'open') attempt.open()
      if (this.next === 'fail') attempt.fail('socket closed by the server')
    })
  }
  attemptsOn(stream: string): Attempt[] {
    return this.attempts.filter((attempt) => attempt.stream === stream)
  }
  latest(stream: string): Attempt {
    const attempts = this.attemptsOn(stream)
    const attempt = attempts[attempts.length - 1]
    if (!attempt) throw new Error(`no watch was opened on ${stream}`)
    return attempt
  }
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

function setup(random: () => number = () => 0.5) {
  const clock = new ManualClock(start)
  const log = createLog(() => {})
  const hub = createEventHub(log)
  const events: Array<{ name: EventName; payload: unknown }> = []
  hub.connect((name, payload) => events.push({ name, payload }))
  const manager = createWatchManager({
    emit: hub.emit,
    log,
    now: () => clock.now(),
    setTimer: (callback, ms) => clock.setTimer(callback, ms),
    random,
  })
  return {
    clock,
    log,
    events,
    manager,
    /** Move time on, firing due timers and letting their watches settle. */
    async advance(ms: number) {
      clock.jumpTo(clock.now() + ms)
      await clock.runDue(settle)
      await settle()
    },
    /** Events since the last call. */
    take() {
      return events.splice(0)
    },
  }
}

const open = (accountId: string, stream: string) => ({
  name: 'watch:state',
  payload: { accountId, stream, state: 'open', reason: null, retryAt: null },
})
const changed = (accountId: string, stream: string) => ({
  name: 'stream:changed',
  payload: { accountId, stream },
})
const down = (accountId: string, stream: string, reason: string, retryAt: number) => ({
  name: 'watch:state',
  payload: { accountId, stream, state: 'down', reason, retryAt },
})

describe('retry delay', () => {
  const ceilings = [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000]

  it('doubles from 1 s per failure in a row and stops at 5 min', () => {
    const almostOne = () => 0.999_999
    ceilings.forEach((ceiling, index) => {
      const delay = retryDelay(index + 1, almostOne)
      expect(delay).toBeLessThanOrEqual(ceiling)
      expect(delay).toBeGreaterThan(ceiling * 0.99)
    })
  })

  it('draws uniformly below the ceiling (full jitter), never under half a second', () => {
    ceilings.forEach((ceiling, index) => {
      expect(retryDelay(index + 1, () => 0)).toBe(defaultBackoff.minMs)
      expect(retryDelay(index + 1, () => 0.5)).toBe(Math.max(defaultBackoff.minMs, ceiling / 2))
      expect(retryDelay(index + 1, () => 0.25)).toBe(Math.max(defaultBackoff.minMs, ceiling / 4))
    })
  })
})

describe('watch manager', () => {
  it('opens a watch on each stream asked for and says each is open', async () => {
    const { manager, take } = setup()
    const source = new ScriptedSource()
    expect(manager.setWatched(slack, source, ['C1', 'C2'])).toEqual({ isSupported: true })
    await settle()

    expect(source.attempts.map((attempt) => attempt.stream)).toEqual(['C1', 'C2'])
    expect(take()).toEqual([open('slack-1', 'C1'), open('slack-1', 'C2')])
    expect(manager.states().map((state) => state.phase)).toEqual(['open', 'open'])
  })

  it('turns a change the source saw into stream:changed', async () => {
    const { manager, take } = setup()
    const source = new ScriptedSource()
    manager.setWatched(slack, source, ['C1'])
    await settle()
    take()

    source.latest('C1').handlers.onChange()
    expect(take()).toEqual([changed('slack-1', 'C1')])
  })

  it('answers unsupported for a source that cannot push, and opens nothing', async () => {
    const { manager, clock, take } = setup()
    const source = new ScriptedSource()
    const cannotPush: Source = { verify: source.verify, listStreams: source.listStreams, pull: source.pull }

    expect(manager.setWatched(github, cannotPush, ['notifications'])).toEqual({ isSupported: false })
    await settle()
    expect(manager.states()).toEqual([])
    expect(take()).toEqual([])
    expect(clock.pendingTimers()).toBe(0)
  })

  it('keeps streams still asked for open, closes the others, and closes all for an empty list', async () => {
    const { manager, take } = setup()
    const source = new ScriptedSource()
    manager.setWatched(slack, source, ['C1', 'C2'])
    await settle()
    take()

    manager.setWatched(slack, source, ['C2', 'C3'])
    await settle()
    expect(source.attemptsOn('C1').map((attempt) => attempt.isClosed)).toEqual([true])
    expect(source.attemptsOn('C2')).toHaveLength(1)
    expect(source.latest('C2').isClosed).toBe(false)
    expect(take()).toEqual([open('slack-1', 'C3')])

    manager.setWatched(slack, source, [])
    expect(source.attempts.every((attempt) => attempt.isClosed)).toBe(true)
    expect(manager.states()).toEqual([])
  })

  it('says a watch is down with when it retries, reopens it after the jittered delay, then pulls once to catch up', async () => {
    const { manager, clock, advance, take } = setup(() => 0.75)
    const source = new ScriptedSource()
    manager.setWatched(slack, source, ['C1'])
    await settle()
    take()

    source.latest('C1').handlers.onDown('Socket Mode connection closed')
    expect(take()).toEqual([down('slack-1', 'C1', 'Socket Mode connection closed', clock.now() + 750)])

    await advance(749)
    expect(source.attemptsOn('C1')).toHaveLength(1)
    await advance(1)
    expect(source.attemptsOn('C1')).toHaveLength(2)
    expect(take()).toEqual([open('slack-1', 'C1'), changed('slack-1', 'C1')])
  })

  it('counts a watch that cannot open as down, with the reason the source gave', async () => {
    const { manager, clock, take } = setup(() => 0)
    const source = new ScriptedSource()
    source.next = 'fail'
    manager.setWatched(slack, source, ['C1'])
    await settle()

    expect(take()).toEqual([down('slack-1', 'C1', 'socket closed by the server', clock.now() + 500)])
    expect(manager.states()).toEqual([
      {
        accountId: 'slack-1',
        stream: 'C1',
        phase: 'down',
        reason: 'socket closed by the server',
        retryAt: clock.now() + 500,
        failures: 1,
      },
    ])
  })

  it('backs off further with each failure in a row, within the jitter bounds, until the watch is back', async () => {
    const { manager, clock, advance, take } = setup(() => 0.999_999)
    const source = new ScriptedSource()
    source.next = 'fail'
    manager.setWatched(slack, source, ['C1'])
    await settle()

    const delays: number[] = []
    for (let failure = 1; failure <= 5; failure++) {
      const state = manager.states()[0]!
      const delay = state.retryAt! - clock.now()
      delays.push(delay)
      await advance(delay - 1)
      expect(source.attemptsOn('C1')).toHaveLength(failure)
      await advance(1)
    }
    expect(delays.map((delay) => Math.round(delay / 1000))).toEqual([1, 2, 4, 8, 16])
    expect(take().every((event) => event.name === 'watch:state')).toBe(true)

    source.next = 'open'
    await advance(manager.states()[0]!.retryAt! - clock.now())
    expect(take()).toEqual([open('slack-1', 'C1'), changed('slack-1', 'C1')])
  })

  it('does not let a flapping watch (opens, drops at once) reconnect faster than the backoff', async () => {
    const { manager, clock, advance } = setup(() => 0.999_999)
    const source = new ScriptedSource()
    manager.setWatched(slack, source, ['C1'])
    await settle()

    const delays: number[] = []
    for (let flap = 0; flap < 4; flap++) {
      source.latest('C1').handlers.onDown('connection reset')
      const delay = manager.states()[0]!.retryAt! - clock.now()
      delays.push(Math.round(delay / 1000))
      await advance(delay)
    }
    expect(delays).toEqual([1, 2, 4, 8])
    expect(source.attemptsOn('C1')).toHaveLength(5)
  })

  it('starts the backoff afresh for a watch that stayed open a while', async () => {
    const { manager, clock, advance } = setup(() => 0.999_999)
    const source = new ScriptedSource()
    manager.setWatched(slack, source, ['C1'])
    await settle()
    for (let flap = 0; flap < 3; flap++) {
      source.latest('C1').handlers.onDown('connection reset')
      await advance(manager.states()[0]!.retryAt! - clock.now())
    }

    await advance(defaultBackoff.stableMs)
    source.latest('C1').handlers.onDown('connection reset')
    expect(Math.round((manager.states()[0]!.retryAt! - clock.now()) / 1000)).toBe(1)
  })

  it('counts a watch that never opens as down after the open timeout, and closes it if it opens late', async () => {
    const { manager, clock, advance, take } = setup(() => 0.5)
    const source = new ScriptedSource()
    source.next = 'hang'
    manager.setWatched(slack, source, ['C1'])
    await settle()

    await advance(defaultBackoff.openTimeoutMs - 1)
    expect(take()).toEqual([])
    await advance(1)
    expect(take()).toEqual([down('slack-1', 'C1', 'the watch did not open within 30 s', clock.now() + 500)])

    source.attemptsOn('C1')[0]!.open()
    await settle()
    expect(source.attemptsOn('C1')[0]!.isClosed).toBe(true)
    expect(take()).toEqual([])
  })

  it('ignores what a closed watch says afterwards', async () => {
    const { manager, clock, take } = setup()
    const source = new ScriptedSource()
    manager.setWatched(slack, source, ['C1'])
    await settle()
    take()
    const old = source.latest('C1')

    manager.closeAccount('slack-1')
    old.handlers.onChange()
    old.handlers.onDown('closed')
    expect(take()).toEqual([])
    expect(clock.pendingTimers()).toBe(0)
  })

  it('reconnects every watch at once, even one waiting out its backoff, and pulls each once to catch up', async () => {
    const { manager, clock, take } = setup(() => 0.999_999)
    const slackSource = new ScriptedSource()
    const githubSource = new ScriptedSource()
    manager.setWatched(slack, slackSource, ['C1', 'C2'])
    manager.setWatched(github, githubSource, ['notifications'])
    await settle()
    slackSource.latest('C2').handlers.onDown('network unreachable')
    take()

    manager.reconnectAll('resumed from sleep')
    await settle()

    expect(slackSource.attemptsOn('C1').map((attempt) => attempt.isClosed)).toEqual([true, false])
    expect(slackSource.attemptsOn('C2')).toHaveLength(2)
    expect(githubSource.attemptsOn('notifications').map((attempt) => attempt.isClosed)).toEqual([true, false])
    const events = take()
    expect(events).toHaveLength(6)
    for (const [accountId, stream] of [
      ['slack-1', 'C1'],
      ['slack-1', 'C2'],
      ['github-1', 'notifications'],
    ] as const) {
      expect(events).toContainEqual(open(accountId, stream))
      expect(events).toContainEqual(changed(accountId, stream))
    }
    // Only the open timeouts were pending, and they are gone once every watch opened.
    expect(clock.pendingTimers()).toBe(0)
  })

  it('closes only the account asked for', async () => {
    const { manager } = setup()
    const slackSource = new ScriptedSource()
    const githubSource = new ScriptedSource()
    manager.setWatched(slack, slackSource, ['C1'])
    manager.setWatched(github, githubSource, ['notifications'])
    await settle()

    manager.closeAccount('slack-1')
    expect(slackSource.latest('C1').isClosed).toBe(true)
    expect(githubSource.latest('notifications').isClosed).toBe(false)
    expect(manager.states().map((state) => state.accountId)).toEqual(['github-1'])
  })

  it('closes every watch on closeAll and leaves no timers, whatever state each was in', async () => {
    const { manager, clock, advance, take } = setup()
    const source = new ScriptedSource()
    manager.setWatched(slack, source, ['open', 'down'])
    await settle()
    source.latest('down').handlers.onDown('connection reset')
    source.next = 'hang'
    manager.setWatched(slack, source, ['open', 'down', 'opening'])
    await settle()
    expect(clock.pendingTimers()).toBe(2)

    manager.closeAll()
    source.latest('opening').open()
    await settle()
    take()

    expect(clock.pendingTimers()).toBe(0)
    expect(manager.states()).toEqual([])
    expect(source.attempts.every((attempt) => attempt.isClosed)).toBe(true)
    await advance(10 * 60_000)
    expect(take()).toEqual([])
    expect(source.attempts).toHaveLength(3)
  })

  it('retries a kept watch with the newest source the account was given', async () => {
    const { manager, clock, advance } = setup(() => 0)
    const before = new ScriptedSource()
    const after = new ScriptedSource()
    manager.setWatched(slack, before, ['C1'])
    await settle()
    before.latest('C1').handlers.onDown('token revoked')

    manager.setWatched(slack, after, ['C1'])
    await advance(manager.states()[0]!.retryAt! - clock.now())
    expect(before.attemptsOn('C1')).toHaveLength(1)
    expect(after.attemptsOn('C1')).toHaveLength(1)
  })

  it('cuts a reason longer than the contract allows, so the down event still reaches the renderer', async () => {
    const { manager, take } = setup()
    const source = new ScriptedSource()
    manager.setWatched(slack, source, ['C1'])
    await settle()
    take()

    source.latest('C1').handlers.onDown('x'.repeat(2000))
    const events = take()
    expect(events.map((event) => event.name)).toEqual(['watch:state'])
    expect(events[0]!.payload).toMatchObject({
      state: 'down',
      reason: expect.stringMatching(/^x{509}\.\.\.$/),
    })
  })
})

describe('notes from an open watch', () => {
  it('passes on what an open watch says about itself, and nothing from an attempt that ended', async () => {
    const s = setup()
    const source = new ScriptedSource()
    s.manager.setWatched(slack, source, ['INBOX'])
    await settle()
    s.take()
    const first = source.latest('INBOX')
    first.handlers.onNote?.('the mail server is slow to push new mail (about every 60 s)')
    first.handlers.onNote?.(null)
    expect(s.take()).toEqual([
      {
        name: 'watch:state',
        payload: {
          ...open('slack-1', 'INBOX').payload,
          note: 'the mail server is slow to push new mail (about every 60 s)',
        },
      },
      { name: 'watch:state', payload: { ...open('slack-1', 'INBOX').payload, note: null } },
    ])
    first.handlers.onDown('socket closed')
    s.take()
    first.handlers.onNote?.('late news from a dead socket')
    expect(s.take()).toEqual([])
    s.manager.closeAll()
  })
})

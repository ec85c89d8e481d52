// The GitHub source at rest costs main no wake-ups: once its calls have
// ended, nothing it or its libraries (Octokit, Bottleneck) started is due
// to fire. Timers are watched by wrapping the global timer functions and
// AbortSignal.timeout for the length of the test, and told apart from the
// emulator's and Node's own by where they were started.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createGithubSourceFactory } from '../../../src/main/sources/github'
import { type GithubEmulator, startGithubEmulator } from '../../emulators/github/server'

type Watched = { kind: 'timeout' | 'interval'; ms: number; dueAt: number; isDone: boolean; origin: string }

/** Where a timer started counts as the GitHub source's: its own code and the libraries it runs. */
const sourceCode = /node_modules[\\/](bottleneck|@octokit)[\\/]|src[\\/]main[\\/]sources[\\/]github[\\/]/

function watchTimers() {
  const watched = new Map<unknown, Watched>()
  const real = {
    setTimeout: globalThis.setTimeout,
    setInterval: globalThis.setInterval,
    clearTimeout: globalThis.clearTimeout,
    clearInterval: globalThis.clearInterval,
    abortAfter: AbortSignal.timeout.bind(AbortSignal),
  }
  const started = (kind: Watched['kind'], ms: number) => {
    const origin = new Error().stack ?? ''
    return { kind, ms, dueAt: Date.now() + ms, isDone: false, origin }
  }
  const track = (kind: Watched['kind']) =>
    ((callback: (...args: unknown[]) => void, ms = 0, ...args: unknown[]) => {
      const entry = started(kind, ms)
      const schedule = kind === 'timeout' ? real.setTimeout : real.setInterval
      const handle = schedule(
        (...given: unknown[]) => {
          if (kind === 'timeout') entry.isDone = true
          callback(...given)
        },
        ms,
        ...args,
      )
      watched.set(handle, entry)
      return handle
    }) as typeof setTimeout
  const untrack = (clear: (handle: never) => void) => (handle: unknown) => {
    const entry = watched.get(handle)
    if (entry) entry.isDone = true
    clear(handle as never)
  }
  globalThis.setTimeout = track('timeout')
  globalThis.setInterval = track('interval') as unknown as typeof setInterval
  globalThis.clearTimeout = untrack(real.clearTimeout) as typeof clearTimeout
  globalThis.clearInterval = untrack(real.clearInterval) as typeof clearInterval
  AbortSignal.timeout = (ms: number) => {
    // Node keeps this timer to itself: it can be neither seen firing nor cleared, so it counts until due.
    watched.set(Symbol('AbortSignal.timeout'), started('timeout', ms))
    return real.abortAfter(ms)
  }
  return {
    /** How many timers the source and its libraries started: none would mean nothing was watched. */
    startedBySource: () => [...watched.values()].filter((entry) => sourceCode.test(entry.origin)).length,
    /** Wake-ups in the next `windowMs` from the source's timers still pending. */
    wakesWithin(windowMs: number): number {
      const now = Date.now()
      let wakes = 0
      for (const entry of watched.values()) {
        if (entry.isDone || !sourceCode.test(entry.origin)) continue
        if (entry.kind === 'interval') wakes += Math.floor(windowMs / Math.max(1, entry.ms))
        else if (entry.dueAt > now && entry.dueAt <= now + windowMs) wakes += 1
      }
      return wakes
    },
    restore() {
      Object.assign(globalThis, {
        setTimeout: real.setTimeout,
        setInterval: real.setInterval,
        clearTimeout: real.clearTimeout,
        clearInterval: real.clearInterval,
      })
      AbortSignal.timeout = real.abortAfter
    },
  }
}

let timers: ReturnType<typeof watchTimers>
let emulator: GithubEmulator
beforeEach(() => {
  timers = watchTimers()
})
afterEach(async () => {
  timers.restore()
  await emulator.stop()
})

describe('the GitHub source at rest', () => {
  it('leaves no timer of its own or of its libraries due in the hour after its calls end', async () => {
    emulator = await startGithubEmulator({ now: Date.now })
    const source = createGithubSourceFactory()(
      { id: 'github-1', kind: 'github' },
      { token: emulator.token(), baseUrl: emulator.url },
    )
    const id = emulator.say({ title: 'Please review', comment: { body: 'when you can' } })
    await source.verify()
    await source.pull('notifications', null)
    await source.markDone?.(id)
    await source.readFocusStatus?.()
    // Let the libraries' own zero-delay hand-offs run out.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(timers.startedBySource()).toBeGreaterThan(0)
    expect(timers.wakesWithin(3_600_000)).toBe(0)
  })
})

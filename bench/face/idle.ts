// Idle: the app open on the Now view with nothing happening (no accounts,
// the sample workspace off, no check-in due). Counted: the page's timer
// wake-ups (setTimeout, setInterval and requestAnimationFrame callbacks
// fired; goal ≤ 1 a minute) and its main thread's share of the wall time
// (the Chrome DevTools Protocol's TaskDuration).
import type { CDPSession, Page } from 'playwright-core'
import { z } from 'zod'
import { count, ms, verdict } from './format'
import { metric, sleep } from './page'

const goalPerMinute = 1
/** After the steps before it, the page settles this long before the quiet is measured. */
const settleMs = 5_000

/**
 * Init script: wraps the page's timers so each callback that fires is
 * counted, and logged (its kind and delay) while `isLogging`. Installed
 * before the app's code runs, so timers it arms at start-up are counted too.
 */
export const countTimers = `(() => {
  const fired = { timeout: 0, interval: 0, frame: 0 }
  const state = { fired, log: [], isLogging: false }
  globalThis.__faceTimers = state
  const wrap = (kind, callback, delay) => function (...args) {
    fired[kind] += 1
    if (state.isLogging) state.log.push({ kind, delay: Number(delay) || 0, at: performance.now() })
    return callback.apply(this, args)
  }
  const { setTimeout: timeout, setInterval: interval, requestAnimationFrame: frame } = globalThis
  globalThis.setTimeout = (callback, delay, ...args) =>
    timeout(typeof callback === 'function' ? wrap('timeout', callback, delay) : callback, delay, ...args)
  globalThis.setInterval = (callback, delay, ...args) =>
    interval(typeof callback === 'function' ? wrap('interval', callback, delay) : callback, delay, ...args)
  globalThis.requestAnimationFrame = (callback) => frame(wrap('frame', callback, 0))
})()`

const Wake = z.object({ kind: z.enum(['timeout', 'interval', 'frame']), delay: z.number(), at: z.number() })
/** Callbacks this close together are one moment the page wakes at, however many they are. */
const sameMomentMs = 100

export type Idle = {
  wallMs: number
  wakes: z.infer<typeof Wake>[]
  taskMs: number
  scriptMs: number
}

/** `seconds` of quiet on the page as it is (the Now view), after it settles. */
export async function measureIdle(page: Page, cdp: CDPSession, seconds: number): Promise<Idle> {
  await sleep(settleMs)
  await page.evaluate('globalThis.__faceTimers.log.length = 0; globalThis.__faceTimers.isLogging = true')
  const taskBefore = await metric(cdp, 'TaskDuration')
  const scriptBefore = await metric(cdp, 'ScriptDuration')
  const started = performance.now()
  await sleep(seconds * 1000)
  const log = await page.evaluate(
    '(() => { globalThis.__faceTimers.isLogging = false; return globalThis.__faceTimers.log })()',
  )
  const wallMs = performance.now() - started
  return {
    wallMs,
    wakes: z.array(Wake).parse(log),
    taskMs: ((await metric(cdp, 'TaskDuration')) - taskBefore) * 1000,
    scriptMs: ((await metric(cdp, 'ScriptDuration')) - scriptBefore) * 1000,
  }
}

const perMinute = (idle: Idle, times: number) => times / (idle.wallMs / 60_000)

/** The moments the page woke at: callbacks less than `sameMomentMs` apart count once. */
function moments(idle: Idle): number {
  const ats = idle.wakes.map((wake) => wake.at).sort((a, b) => a - b)
  return ats.filter((at, index) => index === 0 || at - ats[index - 1]! >= sameMomentMs).length
}

/** The wake-ups by kind and delay, most first: "setTimeout 60000 ms ×2". */
function wakeKinds(idle: Idle): string {
  const names = { timeout: 'setTimeout', interval: 'setInterval', frame: 'requestAnimationFrame' }
  const tally = new Map<string, number>()
  for (const wake of idle.wakes) {
    const delay =
      wake.kind === 'frame'
        ? ''
        : ` ${wake.delay >= 1000 ? `${Math.round(wake.delay / 1000)} s` : ms(wake.delay)}`
    const key = `${names[wake.kind]}${delay}`
    tally.set(key, (tally.get(key) ?? 0) + 1)
  }
  const kinds = [...tally].sort((a, b) => b[1] - a[1]).map(([key, times]) => `${key} ×${times}`)
  return kinds.length === 0 ? 'none' : kinds.slice(0, 6).join(', ')
}

function idleLine(idle: Idle): string {
  const share = idle.taskMs / idle.wallMs
  return (
    `${count(idle.wakes.length)} timer wake-ups in ${(idle.wallMs / 1000).toFixed(0)} s = ` +
    `${perMinute(idle, idle.wakes.length).toFixed(1)} a minute (${wakeKinds(idle)}), at ${moments(idle)} ` +
    `moments (${perMinute(idle, moments(idle)).toFixed(1)} a minute; callbacks < ${sameMomentMs} ms apart count once); ` +
    `main thread ${ms(idle.taskMs)} ` +
    `(script ${ms(idle.scriptMs)}) = ${(share * 100).toFixed(2)}% of wall time`
  )
}

export function describeIdle(large: { items: number; idle: Idle }, baseline: { items: number; idle: Idle }) {
  const rate = perMinute(large.idle, large.idle.wakes.length)
  return [
    `Idle on the Now view, ${count(large.items)} items: ${idleLine(large.idle)} ` +
      `(goal ≤ ${goalPerMinute} wake-up a minute, ${verdict(rate <= goalPerMinute)})`,
    `  ${count(baseline.items)} items: ${idleLine(baseline.idle)}`,
  ]
}

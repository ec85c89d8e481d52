// An 8-hour working day of Slack against the emulator: 100 watched and 3
// urgent channels, the real engine and host in Node on a simulated clock,
// once with Socket Mode and once polling. Printed: requests made, the
// naive count (every channel asked every minute), their ratio, and the
// worst delay from an urgent message being said to it being stored. With
// Socket Mode the clock does not move while an urgent message comes in, so
// its delay is measured in real time; polling's is measured on the clock.
import 'fake-indexeddb/auto'
import { startSlackApp } from '../tests/emulators/slack/app'
import type { SlackEmulator } from '../tests/emulators/slack/server'

const dayMs = 8 * 60 * 60_000
const stepMs = 5_000
const watched = 100
const urgent = 3
const watchedMessages = 400
const urgentMessages = 12

type DayResult = { requests: number; naive: number; worstUrgentMs: number; urgentSeen: number }

/** A fixed pseudo-random sequence, so both runs see the same day. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state / 2 ** 31
  }
}

function workspace(emulator: SlackEmulator) {
  emulator.addUser('U0DANA', 'Dana Scully')
  for (let index = 0; index < watched; index++)
    emulator.addConversation({ id: `C0W${index}`, name: `team-${index}`, kind: 'channel' })
  for (let index = 0; index < urgent; index++)
    emulator.addConversation({ id: `C0U${index}`, name: `urgent-${index}`, kind: 'channel' })
}

async function simulateDay(isSocketMode: boolean): Promise<DayResult> {
  const start = Date.parse('2026-11-24T09:00:00Z')
  const app = await startSlackApp({
    start: new Date(start).toISOString(),
    isSocketMode,
    workspace,
    pick: (name) => name.startsWith('team-'),
    settings: {
      urgentRules: Array.from({ length: urgent }, (_, index) => ({
        id: `urgent-${index}`,
        kind: 'slack-channel' as const,
        channel: `#urgent-${index}`,
      })),
    },
  })
  const { clock, emulator, engine, db } = app
  // Warm up: the first pull of every stream reads its recent window; the day measured starts after it.
  clock.jumpTo(start + stepMs)
  await clock.runDue(() => engine.settled())
  for (let wait = 0; isSocketMode && emulator.openSockets() === 0 && wait < 100; wait++)
    await new Promise((done) => setTimeout(done, 20))
  const before = emulator.requestCount()
  const next = random(42)
  const times = (count: number) =>
    Array.from({ length: count }, () => start + stepMs * 2 + next() * (dayMs - stepMs * 4)).sort(
      (a, b) => a - b,
    )
  const watchedAt = times(watchedMessages)
  const urgentAt = times(urgentMessages)
  const pending: Array<{ text: string; saidAt: number; wall: number }> = []
  const delays: number[] = []
  let said = 0
  for (let at = start + 2 * stepMs; at <= start + dayMs; at += stepMs) {
    clock.jumpTo(at)
    while (watchedAt.length > 0 && (watchedAt[0] ?? Infinity) <= at) {
      watchedAt.shift()
      emulator.say({ channel: `C0W${Math.floor(next() * watched)}`, text: `watched ${said++}` })
    }
    while (urgentAt.length > 0 && (urgentAt[0] ?? Infinity) <= at) {
      urgentAt.shift()
      const text = `urgent ${said++}`
      emulator.say({ channel: `C0U${Math.floor(next() * urgent)}`, text })
      pending.push({ text, saidAt: at, wall: performance.now() })
    }
    await clock.runDue(() => engine.settled())
    // With Socket Mode, give the wake-up real time to bring urgent messages in before the clock moves on.
    for (let wait = 0; isSocketMode && pending.length > 0 && wait < 150; wait++) {
      await engine.settled()
      if (await arrived(pending, db, delays, isSocketMode)) break
      await new Promise((done) => setTimeout(done, 20))
    }
    if (!isSocketMode && pending.length > 0) await arrived(pending, db, delays, isSocketMode)
  }
  await engine.settled()
  const result = {
    requests: emulator.requestCount() - before,
    naive: (watched + urgent) * (dayMs / 60_000),
    worstUrgentMs: delays.length > 0 ? Math.max(...delays) : Number.NaN,
    urgentSeen: delays.length,
  }
  await app.stop()
  return result
}

/** Moves urgent messages that are stored now from pending to delays; true when none is left. */
async function arrived(
  pending: Array<{ text: string; saidAt: number; wall: number }>,
  db: Awaited<ReturnType<typeof startSlackApp>>['db'],
  delays: number[],
  isSocketMode: boolean,
): Promise<boolean> {
  for (const entry of [...pending]) {
    const item = await db.items.filter((row) => row.text === entry.text).first()
    if (!item) continue
    delays.push(isSocketMode ? performance.now() - entry.wall : item.receivedAt - entry.saidAt)
    pending.splice(pending.indexOf(entry), 1)
  }
  return pending.length === 0
}

export async function benchSlackDay(): Promise<string[]> {
  const socket = await simulateDay(true)
  const polling = await simulateDay(false)
  const line = (name: string, day: DayResult) =>
    `${name}: ${day.requests} requests against ${day.naive} naive = ${((100 * day.requests) / day.naive).toFixed(1)}%; worst urgent delay ${(day.worstUrgentMs / 1000).toFixed(1)} s (${day.urgentSeen}/${urgentMessages} urgent messages seen)`
  return [
    line('Socket Mode', socket),
    line('polling', polling),
    'goals: Socket Mode ≤ 2% of naive with urgent ≤ 2 s; polling ≤ 10% of naive with urgent ≤ 30 s',
  ]
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchSlackDay()) console.log(line)
  // The Socket Mode client waits up to 30 s for a closed socket's farewell; the figures are printed.
  process.exit(0)
}

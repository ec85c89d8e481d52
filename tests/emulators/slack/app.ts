// Lull in Node with a Slack account on the emulator: the real engine and
// host, a fake IndexedDB (the caller imports fake-indexeddb), a clock moved
// by hand. For the whole-app Slack tests and the Slack benchmark.
import { createSlackSourceFactory } from '../../../src/main/sources/slack'
import type { Settings } from '../../../src/shared/model'
import { startEngineApp } from '../../support/engine-app'
import { ManualClock } from '../../support/manual-clock'
import { type SlackEmulator, startSlackEmulator } from './server'

export async function startSlackApp(options: {
  start: string
  settings?: Partial<Settings>
  /** With it, Socket Mode; without it, polling. */
  isSocketMode: boolean
  /** Fills the workspace before Lull connects. */
  workspace(emulator: SlackEmulator): void
  /** Channel names (without #) to pick after connecting. */
  pick?: (name: string) => boolean
}) {
  const clock = new ManualClock(Date.parse(options.start), 'Europe/London')
  const emulator = await startSlackEmulator({ now: () => clock.now() })
  options.workspace(emulator)
  const factory = createSlackSourceFactory({ now: () => clock.now(), requestTimeoutMs: 5_000 })
  const started = await startEngineApp({
    clock,
    sources: { slack: factory },
    name: 'slack-app',
    ...(options.settings ? { settings: options.settings } : {}),
  })
  const { host, db } = started
  let engine = started.engine
  const account = await engine.connectAccount({
    kind: 'slack',
    label: '',
    credentials: {
      token: emulator.token(),
      baseUrl: emulator.url,
      ...(options.isSocketMode ? { appToken: emulator.appToken() } : {}),
    },
  })
  const pick = options.pick
  if (pick) {
    await engine.updateAccount(account.id, {
      streams: account.streams.map((stream) =>
        stream.name.startsWith('#') && pick(stream.name.slice(1)) ? { ...stream, isPicked: true } : stream,
      ),
    })
  }
  return {
    clock,
    emulator,
    db,
    get engine() {
      return engine
    },
    account,
    host,
    /** What the engine reported to the person. */
    problems: started.problems,
    /** Lull stops where it is (nothing under way is waited for) and starts again on the same store. */
    async restart() {
      engine.stop()
      engine = started.makeEngine()
      await engine.start()
    },
    /** Move the clock to an instant and let the engine do what it would on waking. */
    async at(iso: string) {
      clock.jumpTo(Date.parse(iso))
      await engine.wake()
      await engine.settled()
    },
    async stop() {
      // Close the watches first, so no socket is reopened against a stopped emulator.
      await host.client
        .call('source:watch', { account: { id: account.id, kind: 'slack' }, streams: [] })
        .catch(() => {})
      engine.stop()
      // What the engine still had under way ends before the store closes, as it would before a quit.
      await engine.settled()
      db.close()
      await emulator.stop()
    },
  }
}

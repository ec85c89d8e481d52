// Lull in Node with a GitHub account on the emulator: the real engine and
// host, a fake IndexedDB (the caller imports fake-indexeddb), a clock moved
// by hand. For the whole-app GitHub tests and the GitHub benchmark.
import { createGithubSourceFactory } from '../../../src/main/sources/github'
import type { Settings } from '../../../src/shared/model'
import { startEngineApp } from '../../support/engine-app'
import { ManualClock } from '../../support/manual-clock'
import { startGithubEmulator } from './server'

export async function startGithubApp(options: {
  start: string
  settings?: Partial<Settings>
  retryBaseMs?: number
}) {
  const clock = new ManualClock(Date.parse(options.start), 'Europe/London')
  const emulator = await startGithubEmulator({ now: () => clock.now() })
  const factory = createGithubSourceFactory({
    now: () => clock.now(),
    retryBaseMs: options.retryBaseMs ?? 1_000,
  })
  const { host, db, engine } = await startEngineApp({
    clock,
    sources: { github: factory },
    name: 'github-app',
    ...(options.settings ? { settings: options.settings } : {}),
  })
  const account = await engine.connectAccount({
    kind: 'github',
    label: '',
    credentials: { token: emulator.token(), baseUrl: emulator.url },
  })
  return {
    clock,
    emulator,
    db,
    engine,
    account,
    host,
    /** Move the clock to an instant and let the engine do what it would on waking. */
    async at(iso: string) {
      clock.jumpTo(Date.parse(iso))
      await engine.wake()
      await engine.settled()
    },
    async stop() {
      engine.stop()
      // What the engine still had under way ends before the store closes, as it would before a quit.
      await engine.settled()
      db.close()
      await emulator.stop()
    },
  }
}

// Lull's engine in Node on a clock moved by hand: the real host in process
// with the given sources, a fresh fake IndexedDB with the given settings
// (the caller imports fake-indexeddb), and the engine started. Shared by
// the whole-app tests and benchmarks of each source.
import type { SourceFactory } from '../../src/main/sources/source'
import { saveSettings } from '../../src/renderer/db/repositories'
import { LullDb } from '../../src/renderer/db/schema'
import { createEngine } from '../../src/renderer/engine/engine'
import { type AccountKind, defaultSettings, type Settings } from '../../src/shared/model'
import { createInProcessHost } from './in-process-host'
import type { ManualClock } from './manual-clock'

let databases = 0

export async function startEngineApp(options: {
  clock: ManualClock
  sources: Partial<Record<AccountKind, SourceFactory>>
  settings?: Partial<Settings>
  /** Names the database, for a reader of a failing run. */
  name: string
}) {
  const { clock } = options
  const host = createInProcessHost(
    { isScripted: false, now: () => clock.now() },
    { clock, sources: options.sources },
  )
  const db = new LullDb(`${options.name}-${++databases}`)
  await saveSettings(db, { ...defaultSettings, timeZone: 'Europe/London', ...options.settings })
  let ids = 0
  const problems: string[] = []
  /** An engine on this store and host: a new one is Lull started again after it stopped. */
  const makeEngine = () =>
    createEngine({
      db,
      host: host.client,
      clock,
      newId: () => `id-${++ids}`,
      navigate: () => {},
      report: (message) => problems.push(message),
    })
  const engine = makeEngine()
  await engine.start()
  return { host, db, engine, makeEngine, problems }
}

// An engine over a fresh fake IndexedDB, the real host in process, the
// sample workspace (scripted traffic off, the test injects every message)
// and a clock the test moves.

import type { SourceFactory } from '../../src/main/sources/source'
import type { StoreMarker } from '../../src/main/store-marker'
import { saveSettings } from '../../src/renderer/db/repositories'
import { LullDb } from '../../src/renderer/db/schema'
import { createEngine } from '../../src/renderer/engine/engine'
import type { AccountKind, Settings, SourceItem, ViewTarget } from '../../src/shared/model'
import { defaultSettings } from '../../src/shared/model'
import { createInProcessHost } from '../support/in-process-host'
import { ManualClock } from '../support/manual-clock'

let dbCounter = 0

export async function createHarness(options: {
  start: string
  zone?: string
  settings?: Partial<Settings>
  dbName?: string
  decorateSource?: (factory: SourceFactory) => SourceFactory
  storeMarker?: StoreMarker
  /** Let the sample workspace push changes, as the app runs it. */
  canWatch?: boolean
  /** Sources of other kinds beside the sample workspace (another workspace playing a GitHub account). */
  sources?: Partial<Record<AccountKind, SourceFactory>>
}) {
  const clock = new ManualClock(Date.parse(options.start), options.zone ?? 'Europe/London')
  const dbName = options.dbName ?? `engine-test-${++dbCounter}`
  const db = new LullDb(dbName)
  const settings: Settings = { ...defaultSettings, timeZone: null, ...options.settings }
  await saveSettings(db, settings)
  const host = createInProcessHost(
    { isScripted: false, pollAfterMs: 1_000, now: () => clock.now(), canWatch: options.canWatch ?? false },
    {
      clock,
      ...(options.decorateSource ? { decorate: options.decorateSource } : {}),
      ...(options.storeMarker ? { storeMarker: options.storeMarker } : {}),
      ...(options.sources ? { sources: options.sources } : {}),
    },
  )
  const navigations: ViewTarget[] = []
  const problems: string[] = []
  let ids = 0
  const makeEngine = (overrides: { db?: LullDb; acquireLead?: () => Promise<void> } = {}) =>
    createEngine({
      db: overrides.db ?? db,
      ...(overrides.acquireLead ? { acquireLead: overrides.acquireLead } : {}),
      host: host.client,
      clock,
      newId: () => `${dbName}-id-${++ids}`,
      navigate: (target) => navigations.push(target),
      report: (message) => problems.push(message),
    })
  const engine = makeEngine()

  function say(stream: string, text: string, extra: Partial<SourceItem> = {}) {
    const container =
      stream === 'slack-incidents' ? '#incidents' : stream === 'github' ? 'acme/api' : '#general'
    const source = stream === 'github' ? 'github' : 'slack'
    return host.workspace.inject({
      source,
      stream,
      threadKey: `${stream}:${text}`,
      container,
      author: { id: 'U1', name: 'Dana Whitfield' },
      title: text,
      text,
      sentAt: clock.now(),
      needsReply: false,
      ...extra,
    })
  }

  /** Move the clock to an instant and let the engine do what it would on waking. */
  async function at(iso: string) {
    clock.jumpTo(Date.parse(iso))
    await engine.wake()
    await engine.settled()
  }

  return { clock, db, host, engine, makeEngine, navigations, problems, say, at }
}

export const digestsOf = (db: LullDb) => db.digests.orderBy('at').toArray()
export const checkInNotices = (host: ReturnType<typeof createInProcessHost>) =>
  host.ports.notifications.filter((notice) => notice.kind === 'check-in')

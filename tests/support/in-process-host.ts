// The real main-side host wired to a renderer in the same process: the
// contract's dispatch and event hub, with the sample workspace (a test may
// wrap it, to play a source that misbehaves), any real source a test gives
// (pointed at its emulator) and recording OS stand-ins. No mocks of Lull's
// own functions.

import { createDispatch } from '../../src/main/dispatch'
import { createEventHub } from '../../src/main/events'
import { createHost } from '../../src/main/host'
import { createLog } from '../../src/main/log'
import { createSampleWorkspace, type SampleOptions } from '../../src/main/sources/sample'
import type { SourceFactory } from '../../src/main/sources/source'
import type { StoreMarker } from '../../src/main/store-marker'
import { createMemoryVault } from '../../src/main/vault'
import { createRecordingPorts } from '../../src/main/web/os-standins'
import type { Clock } from '../../src/renderer/engine/clock'
import { createHostClient } from '../../src/renderer/host/client'
import { calls, createBridge } from '../../src/shared/contract'
import type { AccountKind } from '../../src/shared/model'

export function createInProcessHost(
  sample: SampleOptions = {},
  options: {
    decorate?: (factory: SourceFactory) => SourceFactory
    /** The clock the client's call deadlines run on (a test's manual clock). */
    clock?: Pick<Clock, 'setTimer' | 'now'>
    storeMarker?: StoreMarker
    /** Real sources beside the sample workspace (GitHub against its emulator). */
    sources?: Partial<Record<AccountKind, SourceFactory>>
  } = {},
) {
  const log = createLog(() => {})
  const workspace = createSampleWorkspace(sample)
  const factory = options.decorate ? options.decorate(workspace.factory) : workspace.factory
  const ports = createRecordingPorts(log)
  const hub = createEventHub(log)
  const dispatch = createDispatch(
    createHost({
      mode: 'browser',
      platform: 'test',
      vault: createMemoryVault(),
      sources: { ...options.sources, sample: factory },
      os: ports,
      log,
      emit: hub.emit,
      ...(options.clock ? { now: () => options.clock?.now() ?? Date.now() } : {}),
      ...(options.storeMarker ? { storeMarker: options.storeMarker } : {}),
    }),
    calls,
    log,
  )
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  hub.connect((name, payload) => {
    for (const listener of listeners.get(name) ?? []) listener(payload)
  })
  const bridge = createBridge({
    invoke: (name, request) => dispatch(name, structuredClone(request)),
    subscribe(name, listener) {
      const set = listeners.get(name) ?? new Set()
      set.add(listener)
      listeners.set(name, set)
      return () => set.delete(listener)
    },
  })
  return { client: createHostClient(bridge, () => {}, options.clock), hub, ports, workspace, log, dispatch }
}

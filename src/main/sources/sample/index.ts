// The sample workspace: a source that produces believable traffic (Slack
// channels, a DM and threads, GitHub notifications, email) so a first run
// shows batching and a breakthrough within a minute, before any account is
// connected. It goes through the same contract, pull and ingest path as a
// real source, and has every optional part of one (watch, write-back,
// focus status), with faults on demand, so the platform can be exercised
// end to end without a network.

import { z } from 'zod'
import { FocusStatus, pullPageLimit } from '../../../shared/contract'
import { SourceItem } from '../../../shared/model'
import type { PullResult, Source, SourceContext, SourceFactory } from '../source'
import { type SetTimer, systemTimer } from '../watches'
import { createSampleClient } from './client'
import { createSampleServer, type SampleControls, type SampleServer } from './server'
import { messageForSlot, sampleAccountId, sampleStreams, streamForSlot } from './traffic'

export type { SampleControls, SampleFault, SampleFaultKind } from './server'

export type SampleOptions = {
  /** One slot is one chance of a message; 15 s gives a message every ~25 s on average. */
  slotMs?: number
  /** How long before the first pull the workspace's history starts. */
  backlogMs?: number
  /** How soon the renderer may pull again; null sends no hint, like most real sources. */
  pollAfterMs?: number | null
  now?: () => number
  /** Switch the scripted traffic off, for tests that inject every message themselves. */
  isScripted?: boolean
  /** The most slots one pull walks; more behind it makes a next page. */
  maxSlotsPerPull?: number
  /**
   * Offer push watches. Off unless asked: a watched stream is polled only
   * slowly, which changes when an engine sees what is said; tests of the
   * engine's polling keep it off, the conformance suite turns it on.
   */
  canWatch?: boolean
  /** Paces the scripted traffic's push to open watches (one tick a slot). */
  setTimer?: SetTimer
}

/** A sample workspace never replays more history than this, whatever a cursor asks. */
export const sampleHistoryMs = 14 * 24 * 60 * 60_000

export type SampleWorkspace = {
  factory: SourceFactory
  /**
   * Say something in the workspace now (tests and demos), of any length. It
   * shows in the next pull of its stream, and open watches on it are told.
   */
  inject(item: Omit<SourceItem, 'id' | 'accountId' | 'externalId'> & { externalId?: string }): SourceItem
  /** The workspace's own side: faults, a revoked sign-in, dropped watches, what was written to it. */
  controls: SampleControls
}

/**
 * A message as someone says it: a title or text of any length, as a real
 * workspace allows. The host fits it to the contract's limits when it is
 * pulled, as it does for every source.
 */
const SaidItem = SourceItem.extend({ title: z.string(), text: z.string() })

/** Cursor: "<origin ms>:<last slot seen>:<injected messages seen>". */
type Cursor = { origin: number; slot: number; injected: number }

/**
 * A cursor is data from disk, so each number is clamped to what this
 * workspace can mean: an origin in the future or before its history, a slot
 * past now or further back than the history keeps, an injected count past
 * what was said. One pull's work stays bounded whatever the cursor says.
 */
function parseCursor(
  cursor: string | null,
  context: { now: number; backlogMs: number; slotMs: number; injectedCount: number },
): Cursor {
  const { now, backlogMs, slotMs, injectedCount } = context
  const fresh = { origin: now - backlogMs, slot: -1, injected: 0 }
  const parts = cursor?.split(':').map(Number) ?? []
  if (parts.length !== 3 || !parts.every((part) => Number.isSafeInteger(part))) return fresh
  const [origin, slot, injected] = parts as [number, number, number]
  if (origin > now || origin < now - sampleHistoryMs - backlogMs) return fresh
  const lastSlot = Math.floor((now - origin) / slotMs)
  const oldestSlot = lastSlot - Math.ceil(sampleHistoryMs / slotMs)
  return {
    origin,
    slot: Math.min(Math.max(slot, oldestSlot, -1), lastSlot),
    injected: Math.min(Math.max(injected, 0), injectedCount),
  }
}

type SourceDeps = {
  server: SampleServer
  injected: readonly SourceItem[]
  context: SourceContext | undefined
  slotMs: number
  readUpTo: Map<string, { origin: number; slot: number }>
  backlogMs: number
  pollAfterMs: number | null
  now: () => number
  isScripted: boolean
  maxSlotsPerPull: number
  canWatch: boolean
  /** Called when a watch opens or closes, so scripted traffic pushes only while someone watches. */
  onWatchesChanged: () => void
}

function createSampleSource(deps: SourceDeps): Source {
  const { server, injected, slotMs, backlogMs, pollAfterMs, now, isScripted, maxSlotsPerPull } = deps
  const client = createSampleClient({ server, now, ...(deps.context ? { context: deps.context } : {}) })

  function readPage(stream: string, rawCursor: string | null): PullResult {
    const at = now()
    const injectedCount = injected.length
    const cursor = parseCursor(rawCursor, { now: at, backlogMs, slotMs, injectedCount })
    const lastSlot = Math.floor((at - cursor.origin) / slotMs)
    const items: SourceItem[] = []
    // Walk slots up to a bound and stop at a full page: the cursor then
    // points at the last slot walked, and `hasMore` asks for the next page.
    let slot = cursor.slot
    const walkTo = Math.min(lastSlot, cursor.slot + maxSlotsPerPull)
    while (isScripted && slot < walkTo && items.length < pullPageLimit) {
      slot += 1
      const speaker = streamForSlot(slot)
      if (speaker?.id === stream) items.push(messageForSlot(speaker, slot, cursor.origin + slot * slotMs))
    }
    if (!isScripted) slot = Math.max(slot, lastSlot)
    deps.readUpTo.set(stream, { origin: cursor.origin, slot })
    let seen = cursor.injected
    while (seen < injectedCount && items.length < pullPageLimit) {
      const item = injected[seen] as SourceItem
      if (item.stream === stream) items.push(item)
      seen += 1
    }
    return {
      items,
      cursor: `${cursor.origin}:${slot}:${seen}`,
      hasMore: slot < lastSlot || seen < injectedCount,
      ...(pollAfterMs === null ? {} : { pollAfterMs }),
    }
  }

  const watch: Source['watch'] = async (stream, handlers) => {
    client.ask('watch', `a watch on ${stream}`)
    const close = server.addWatch(stream, handlers)
    deps.onWatchesChanged()
    return () => {
      close()
      deps.onWatchesChanged()
    }
  }

  return {
    ...(deps.canWatch ? { watch } : {}),
    async verify() {
      client.ask('verify', 'a sign-in check')
      return { identity: 'Sample workspace' }
    },
    async listStreams() {
      client.ask('listStreams', 'the list of streams')
      return sampleStreams.map(({ id, name, source }) => ({ id, name, source }))
    },
    async pull(stream, rawCursor) {
      client.ask('pull', `a pull of ${stream}`, { isPage: true })
      return readPage(stream, rawCursor)
    },
    async markDone(externalId) {
      client.ask('markDone', `marking ${externalId} done`)
      server.writeDone(externalId)
    },
    async markRead(externalId) {
      client.ask('markRead', `marking ${externalId} read`)
      server.writeRead(externalId)
    },
    async readFocusStatus() {
      client.ask('readFocusStatus', 'reading the status')
      return server.readStatus()
    },
    async writeFocusStatus(status) {
      client.ask('writeFocusStatus', 'setting the status')
      server.writeStatus(FocusStatus.parse(status))
    },
  }
}

export function createSampleWorkspace(options: SampleOptions = {}): SampleWorkspace {
  const slotMs = options.slotMs ?? 15_000
  const isScripted = options.isScripted ?? true
  const setTimer = options.setTimer ?? systemTimer
  const injected: SourceItem[] = []
  const server = createSampleServer()
  let stopTicking: (() => void) | null = null

  /** A message is pushed within a second of being said; a tick costs a few look-ups. */
  const tickMs = Math.min(slotMs, 1_000)
  /** Where each stream was last read up to, on its own cursor's clock, so a tick knows who spoke since. */
  const readUpTo = new Map<string, { origin: number; slot: number }>()

  /**
   * While a watch is open, each tick tells the watches of the streams that
   * spoke since they were last read, as a workspace's socket pushes a
   * message to the channel it was said in and nowhere else.
   */
  function tick() {
    stopTicking = setTimer(() => {
      stopTicking = null
      // A dropped watch leaves without closing: stop once nobody watches.
      if (!server.hasWatches()) return
      for (const [stream, read] of readUpTo) {
        const lastSlot = Math.floor((deps.now() - read.origin) / slotMs)
        // Bounded: a tick looks back at most a few slots (the rest is a pull's work).
        for (let slot = Math.max(read.slot + 1, lastSlot - 8); slot <= lastSlot; slot++) {
          if (streamForSlot(slot)?.id === stream) {
            server.notify(stream)
            break
          }
        }
      }
      tick()
    }, tickMs)
  }

  function onWatchesChanged() {
    if (!isScripted) return
    if (server.hasWatches() && stopTicking === null) tick()
    if (!server.hasWatches() && stopTicking !== null) {
      stopTicking()
      stopTicking = null
    }
  }

  const deps = {
    readUpTo,
    server,
    injected,
    slotMs,
    backlogMs: options.backlogMs ?? 2 * 60_000,
    pollAfterMs: options.pollAfterMs === undefined ? 5_000 : options.pollAfterMs,
    now: options.now ?? Date.now,
    isScripted,
    maxSlotsPerPull: options.maxSlotsPerPull ?? 20_000,
    canWatch: options.canWatch ?? false,
    onWatchesChanged,
  }

  return {
    factory: (_account, _credentials, context) => createSampleSource({ ...deps, context }),
    inject(partial) {
      const externalId = partial.externalId ?? `injected-${injected.length + 1}`
      const item = SaidItem.parse({
        ...partial,
        externalId,
        id: `${sampleAccountId}:${externalId}`,
        accountId: sampleAccountId,
      })
      injected.push(item)
      server.notify(item.stream)
      return item
    },
    controls: server.controls,
  }
}

/** The factory the app registers for the sample workspace. */
export function createSampleSourceFactory(options: SampleOptions = {}): SourceFactory {
  return createSampleWorkspace(options).factory
}

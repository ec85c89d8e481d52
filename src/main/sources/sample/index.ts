// The sample workspace: a source that produces believable traffic (Slack
// channels, a DM and threads, GitHub notifications, email) so a first run
// shows batching and a breakthrough within a minute, before any account is
// connected. It goes through the same contract, pull and ingest path as a
// real source.
import { pullPageLimit } from '../../../shared/contract'
import { SourceItem } from '../../../shared/model'
import type { PullResult, Source, SourceFactory } from '../source'
import { messageForSlot, sampleAccountId, sampleStreams, streamForSlot } from './traffic'

export type SampleOptions = {
  /** One slot is one chance of a message; 15 s gives a message every ~25 s on average. */
  slotMs?: number
  /** How long before the first pull the workspace's history starts. */
  backlogMs?: number
  /** How soon the renderer may pull again. */
  pollAfterMs?: number
  now?: () => number
  /** Switch the scripted traffic off, for tests that inject every message themselves. */
  isScripted?: boolean
  /** The most slots one pull walks; more behind it makes a next page. */
  maxSlotsPerPull?: number
}

/** A sample workspace never replays more history than this, whatever a cursor asks. */
export const sampleHistoryMs = 14 * 24 * 60 * 60_000

export type SampleWorkspace = {
  factory: SourceFactory
  /** Say something in the workspace now (tests and demos). It shows in the next pull of its stream. */
  inject(item: Omit<SourceItem, 'id' | 'accountId' | 'externalId'> & { externalId?: string }): SourceItem
}

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

export function createSampleWorkspace(options: SampleOptions = {}): SampleWorkspace {
  const slotMs = options.slotMs ?? 15_000
  const backlogMs = options.backlogMs ?? 2 * 60_000
  const pollAfterMs = options.pollAfterMs ?? 5_000
  const now = options.now ?? Date.now
  const isScripted = options.isScripted ?? true
  const maxSlotsPerPull = options.maxSlotsPerPull ?? 20_000
  const injected: SourceItem[] = []

  const source: Source = {
    async verify() {
      return { identity: 'Sample workspace' }
    },
    async listStreams() {
      return sampleStreams.map(({ id, name }) => ({ id, name }))
    },
    async pull(stream, rawCursor): Promise<PullResult> {
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
        pollAfterMs,
      }
    },
  }

  return {
    factory: () => source,
    inject(partial) {
      const externalId = partial.externalId ?? `injected-${injected.length + 1}`
      const item = SourceItem.parse({
        ...partial,
        externalId,
        id: `${sampleAccountId}:${externalId}`,
        accountId: sampleAccountId,
      })
      injected.push(item)
      return item
    },
  }
}

/** The factory the app registers for the sample workspace. */
export function createSampleSourceFactory(options: SampleOptions = {}): SourceFactory {
  return createSampleWorkspace(options).factory
}

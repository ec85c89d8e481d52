// The sample workspace: a source that produces believable traffic (Slack
// channels, a DM and threads, GitHub notifications, email) so a first run
// shows batching and a breakthrough within a minute, before any account is
// connected. It goes through the same contract, pull and ingest path as a
// real source.
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
}

export type SampleWorkspace = {
  factory: SourceFactory
  /** Say something in the workspace now (tests and demos). It shows in the next pull of its stream. */
  inject(item: Omit<SourceItem, 'id' | 'accountId' | 'externalId'> & { externalId?: string }): SourceItem
}

/** Cursor: "<origin ms>:<last slot seen>:<injected messages seen>". */
type Cursor = { origin: number; slot: number; injected: number }

function parseCursor(cursor: string | null, now: number, backlogMs: number): Cursor {
  const parts = cursor?.split(':').map(Number) ?? []
  const [origin, slot, injected] = parts
  if (parts.length === 3 && [origin, slot, injected].every((part) => Number.isSafeInteger(part))) {
    return { origin: origin as number, slot: slot as number, injected: injected as number }
  }
  return { origin: now - backlogMs, slot: -1, injected: 0 }
}

export function createSampleWorkspace(options: SampleOptions = {}): SampleWorkspace {
  const slotMs = options.slotMs ?? 15_000
  const backlogMs = options.backlogMs ?? 2 * 60_000
  const pollAfterMs = options.pollAfterMs ?? 5_000
  const now = options.now ?? Date.now
  const isScripted = options.isScripted ?? true
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
      const cursor = parseCursor(rawCursor, at, backlogMs)
      const lastSlot = Math.floor((at - cursor.origin) / slotMs)
      const items: SourceItem[] = []
      if (isScripted) {
        for (let slot = Math.max(0, cursor.slot + 1); slot <= lastSlot; slot += 1) {
          const speaker = streamForSlot(slot)
          if (speaker?.id === stream) items.push(messageForSlot(speaker, slot, cursor.origin + slot * slotMs))
        }
      }
      const injectedNow = injected.length
      for (const item of injected.slice(cursor.injected, injectedNow)) {
        if (item.stream === stream) items.push(item)
      }
      return {
        items,
        cursor: `${cursor.origin}:${Math.max(lastSlot, cursor.slot)}:${injectedNow}`,
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

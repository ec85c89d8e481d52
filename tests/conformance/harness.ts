// One source under test, wired the way Lull runs it: the real host behind
// its dispatch (so the contract's checks and the host's fitting apply), the
// watch manager and the request ledger on the suite's clock, and the
// renderer's stream scheduler storing each page into a fresh IndexedDB.
import { createDispatch } from '../../src/main/dispatch'
import { createEventHub } from '../../src/main/events'
import { createHost } from '../../src/main/host'
import { createLog } from '../../src/main/log'
import { createLedger } from '../../src/main/sources/ledger'
import type { Source, SourceFactory } from '../../src/main/sources/source'
import { createWatchManager } from '../../src/main/sources/watches'
import { createMemoryVault } from '../../src/main/vault'
import { createRecordingPorts } from '../../src/main/web/os-standins'
import { getCursor } from '../../src/renderer/db/repositories'
import { LullDb } from '../../src/renderer/db/schema'
import { createStreamScheduler } from '../../src/renderer/engine/sync'
import { createHostClient, type HostClient } from '../../src/renderer/host/client'
import {
  type CallResponse,
  calls,
  createBridge,
  type EventName,
  events,
  HostError,
} from '../../src/shared/contract'
import { defaultSettings, type InboxItem, type SourceItem } from '../../src/shared/model'
import { ManualClock } from '../support/manual-clock'
import type { MakeAdapter } from './adapter'

export type PullAnswer = CallResponse<'source:pull'>

/** One `source:pull` the scheduler made, and how it ended. */
export type PullRecord = { stream: string; cursor: string | null } & (
  | { answer: PullAnswer; error?: never }
  | { error: HostError; answer?: never }
)

export type Harness = Awaited<ReturnType<typeof startHarness>>

/** A token the suite puts in each message and finds again in the item: `[lull-00042]`. */
const tokenPattern = /\[lull-\d{5}\]/g

let harnesses = 0

function asHostError(error: unknown): HostError {
  if (error instanceof HostError) return error
  return new HostError('internal', error instanceof Error ? error.message : String(error))
}

/** How many items carry each token (in the title or the text); an item counts once. */
export function tokenCounts(items: ReadonlyArray<Pick<SourceItem, 'title' | 'text'>>): Map<string, number> {
  const counts = new Map<string, number>()
  for (const item of items) {
    const found = new Set(`${item.title}\n${item.text}`.match(tokenPattern) ?? [])
    for (const token of found) counts.set(token, (counts.get(token) ?? 0) + 1)
  }
  return counts
}

/**
 * The same factory, its sources noting every item a pull answers before
 * the host fits or checks it. A proxy, so a source written as a class keeps
 * its methods and its `this`.
 */
function observingRawItems(factory: SourceFactory, raw: unknown[]): SourceFactory {
  return (account, credentials, context) => {
    const source = factory(account, credentials, context)
    return new Proxy<Source>(source, {
      get(target, key) {
        const value: unknown = Reflect.get(target, key, target)
        if (key === 'pull') {
          return async (stream: string, cursor: string | null) => {
            const answer = await target.pull(stream, cursor)
            if (Array.isArray(answer.items)) raw.push(...answer.items)
            return answer
          }
        }
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
  }
}

export async function startHarness(makeAdapter: MakeAdapter) {
  const run = ++harnesses
  const clock = new ManualClock(Date.parse('2026-11-23T12:00:00Z'))
  const now = () => clock.now()
  const adapter = await makeAdapter(clock)
  const rawItems: unknown[] = []
  /** Every HTTP request the source sent through the platform: where to, and whether it carried credentials. */
  const requests: Array<{ url: string; hasCredentials: boolean }> = []
  const baseFetch: typeof globalThis.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined))
    requests.push({ url, hasCredentials: headers.has('authorization') || headers.has('cookie') })
    return globalThis.fetch(input, init)
  }
  const log = createLog(() => {})
  const hub = createEventHub(log)
  const ledger = createLedger({ now })
  const watches = createWatchManager({
    emit: hub.emit,
    log,
    now,
    setTimer: (callback, ms) => clock.setTimer(callback, ms),
    random: () => 0.5,
  })
  const dispatch = createDispatch(
    createHost({
      mode: 'browser',
      platform: 'test',
      vault: createMemoryVault(),
      sources: { [adapter.kind]: observingRawItems(adapter.factory, rawItems) },
      os: createRecordingPorts(log),
      log,
      now,
      ledger,
      watches,
      baseFetch,
    }),
    calls,
    log,
  )
  const sent: Array<{ name: EventName; payload: unknown }> = []
  hub.connect((name, payload) => sent.push({ name, payload }))
  const bridge = createBridge({
    invoke: (name, request) => dispatch(name, structuredClone(request)),
    subscribe: () => () => {},
  })
  const client = createHostClient(bridge, () => {}, clock)

  const pulls: PullRecord[] = []
  /** The scheduler's host, noting every pull's answer or error so a test can see the pages. */
  const recordingClient: HostClient = {
    async call(name, request) {
      if (name !== 'source:pull') return client.call(name, request)
      const { stream, cursor } = calls['source:pull'].request.parse(request)
      try {
        const answer = await client.call(name, request)
        pulls.push({ stream, cursor, answer: calls['source:pull'].response.parse(answer) })
        return answer
      } catch (error) {
        pulls.push({ stream, cursor, error: asHostError(error) })
        throw error
      }
    },
    on: (name, listener) => client.on(name, listener),
  }

  const account = await client.call('account:connect', {
    kind: adapter.kind,
    label: 'Conformance',
    credentials: adapter.credentials,
  })
  const ref = { id: account.id, kind: account.kind }
  const db = new LullDb(`conformance-${run}`)
  const scheduler = createStreamScheduler({ db, host: recordingClient })
  let tokens = 0
  const token = () => `[lull-${String(++tokens).padStart(5, '0')}]`

  const sentOf = (name: EventName) => sent.filter((event) => event.name === name)

  return {
    adapter,
    clock,
    client,
    account,
    ref,
    db,
    ledger,
    pulls,
    /** Every item the source's pulls answered, as the source gave it. */
    rawItems,
    /** Every HTTP request the source sent through the platform's fetch. */
    requests,
    /** A fresh token; put it in a message and find the item by it. */
    token,
    /** Say `count` plain messages on a stream; answers their tokens, in order. */
    async sayMany(stream: string, count: number): Promise<string[]> {
      const said: string[] = []
      for (let n = 0; n < count; n++) {
        const mark = token()
        await adapter.say(stream, { text: `Message ${mark} for the conformance suite` })
        said.push(mark)
      }
      return said
    },
    /** One pull through the host, as the renderer asks it. */
    pull: (stream: string, cursor: string | null) =>
      client.call('source:pull', { account: ref, stream, cursor }),
    /** Pull page after page while the source says more waits; every page answered. */
    async pullToEnd(stream: string, cursor: string | null = null): Promise<PullAnswer[]> {
      const pages: PullAnswer[] = []
      let next = cursor
      for (let page = 0; page < 200; page++) {
        const answer = await client.call('source:pull', { account: ref, stream, cursor: next })
        pages.push(answer)
        next = answer.cursor
        if (!answer.hasMore) return pages
      }
      throw new Error(`${stream} still had more after 200 pages: its cursor never reaches the end`)
    },
    /** Pull one stream the renderer's way: the scheduler, page by page, each page stored with its cursor. */
    async sync(stream: string) {
      const streams = account.streams.filter((candidate) => candidate.id === stream)
      scheduler.setAccounts([{ ...account, streams }], now())
      const outcomes = await scheduler.pullDue(defaultSettings, now, { all: true })
      const outcome = outcomes[0]
      if (!outcome) throw new Error(`${stream} is not among the streams the source listed`)
      return outcome
    },
    /** Mark a stream changed (as the engine does on 'stream:changed') and pull what is due. */
    async syncDue(stream: string) {
      scheduler.markChanged(account.id, stream, now())
      return scheduler.pullDue(defaultSettings, now)
    },
    async stored(stream: string): Promise<InboxItem[]> {
      const items = await db.items.toArray()
      return items.filter((item) => item.accountId === account.id && item.stream === stream)
    },
    storedCursor: async (stream: string) => (await getCursor(db, account.id, stream))?.cursor ?? null,
    /** Each 'watch:state' event main sent for the stream, in order. */
    watchStates: (stream: string) =>
      sentOf('watch:state')
        .map((event) => events['watch:state'].parse(event.payload))
        .filter((state) => state.stream === stream),
    /** Each 'stream:changed' event main sent for the stream. */
    changes: (stream: string) =>
      sentOf('stream:changed')
        .map((event) => events['stream:changed'].parse(event.payload))
        .filter((change) => change.stream === stream),
    async close() {
      watches.closeAll()
      db.close()
      await adapter.stop?.()
    },
  }
}

// What one conversation across sources costs the store, in a real Chromium
// with real IndexedDB (bench/conversations/page.ts): the conversation
// indexes at ingest against the same rows without them, ingest of items
// that merge against the same items without facts, the keying pass that
// keys 100,000 rows stored before keys, the Now view's conversation count,
// and the first rows of a list at 100,000 items.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { evaluateInBenchPage } from './page-runner'

const pageRoot = join(dirname(fileURLToPath(import.meta.url)), 'conversations')

const Timings = z.object({
  rawV8Ms: z.number(),
  rawV11Ms: z.number(),
  ingestPlainMs: z.number(),
  ingestMergedMs: z.number(),
  keyingMs: z.number(),
  keyed: z.number(),
  countMs: z.number(),
  counted: z.object({ total: z.number(), conversations: z.number() }),
  firstRowsMs: z.number(),
  firstRows: z.number(),
  firstItems: z.number(),
})

export async function benchConversations(options: { count?: number; held?: number } = {}): Promise<string[]> {
  const count = options.count ?? 100_000
  const held = Math.min(options.held ?? 5_000, Math.floor(count / 5))
  const result = Timings.parse(
    await evaluateInBenchPage(
      pageRoot,
      'typeof runConversationBench === "function"',
      `runConversationBench(${count}, ${held})`,
    ),
  )
  const n = count.toLocaleString('en')
  const ms = (value: number) => `${Math.round(value).toLocaleString('en')} ms`
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`
  return [
    `${n} items, every three one pull request (GitHub notification, its mail, a Slack post linking it)`,
    `raw put, store version 8 indexes:                 ${ms(result.rawV8Ms)}`,
    `raw put, plus [status+conversationKey] (v11):     ${ms(result.rawV11Ms)}  (${ratio(result.rawV11Ms, result.rawV8Ms)} of v8)`,
    `ingestBatch, items without facts:                 ${ms(result.ingestPlainMs)}`,
    `ingestBatch, items that merge three to one:       ${ms(result.ingestMergedMs)}  (${ratio(result.ingestMergedMs, result.ingestPlainMs)} of without)`,
    `keying ${n} stored rows behind ingest:         ${ms(result.keyingMs)}  (${result.keyed.toLocaleString('en')} keyed, ${Math.round(result.keyed / (result.keyingMs / 1000)).toLocaleString('en')} rows/s)`,
    `Now count, ${result.counted.total.toLocaleString('en')} held = ${result.counted.conversations.toLocaleString('en')} conversations: ${ms(result.countMs)}`,
    `first rows of a list at ${n} items, by conversation: ${ms(result.firstRowsMs)} (${result.firstItems} items, ${result.firstRows} rows; goal ≤ 300 ms, ${result.firstRowsMs <= 300 ? 'met' : 'MISSED'})`,
  ]
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchConversations({ count: Number(process.env.LULL_BENCH_ITEMS ?? 100_000) }))
    console.log(line)
}

// Check-in benchmark in a real Chromium with real IndexedDB: deliverHeld on
// N held items against a raw IndexedDB update of the same rows (read from
// the held index, put back delivered, one transaction), in the same run.
// Goal: deliverHeld ≤ 1.2× the raw update. Rounds alternate which goes
// first; the figures are medians.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { median } from './median'
import { evaluateInBenchPage } from './page-runner'

const pageRoot = join(dirname(fileURLToPath(import.meta.url)), 'checkin')

const CheckInRound = z.object({
  lullMs: z.number(),
  rawMs: z.number(),
  delivered: z.number(),
  rawDelivered: z.number(),
})
type CheckInRound = z.infer<typeof CheckInRound>

export async function benchCheckIn(options: { count?: number; rounds?: number } = {}): Promise<string[]> {
  const count = options.count ?? 50_000
  const rounds = options.rounds ?? 3
  const result = await evaluateInBenchPage(
    pageRoot,
    'typeof runCheckInBench === "function"',
    `runCheckInBench(${count}, ${rounds})`,
  )
  return describe(count, z.array(CheckInRound).min(1).parse(result))
}

function describe(count: number, rounds: CheckInRound[]): string[] {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`
  const line = (label: string, times: number[]) =>
    `${`${label}:`.padEnd(44)}${seconds(median(times))}  (rounds: ${times.map(seconds).join(', ')})`
  const ratio = median(rounds.map((round) => round.lullMs / round.rawMs))
  const last = rounds[rounds.length - 1]!
  return [
    `${count.toLocaleString('en')} held items, one check-in each way; median of ${rounds.length} rounds after a warm-up`,
    line(
      'raw IndexedDB update, one transaction',
      rounds.map((round) => round.rawMs),
    ),
    line(
      'deliverHeld (digest, notice, parse)',
      rounds.map((round) => round.lullMs),
    ),
    `last round: deliverHeld delivered ${last.delivered.toLocaleString('en')}, raw ${last.rawDelivered.toLocaleString('en')}`,
    `deliverHeld / raw: ${ratio.toFixed(2)}× (goal ≤ 1.2×, ${ratio <= 1.2 ? 'met' : 'MISSED'})`,
  ]
}

// `npm run bench`: every benchmark, each printing its figures and its
// ratio against a baseline measured in the same run.
import { benchIngest } from './ingest'
import { benchSimulate } from './simulate'

const count = Number(process.env.LULL_BENCH_ITEMS ?? 100_000)

console.log('== simulate a year of arrivals (Node)')
for (const line of await benchSimulate()) console.log(line)
console.log(`\n== ingest ${count.toLocaleString('en')} items (Chromium, real IndexedDB)`)
for (const line of await benchIngest({ count })) console.log(line)

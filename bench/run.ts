// `npm run bench`: every benchmark, each printing its figures and its
// ratio against a baseline measured in the same run.
import { benchCalendar } from './calendar'
import { benchCheckIn } from './checkin'
import { benchConversations } from './conversations'
import { benchFace } from './face'
import { benchGithubHours } from './github-hour'
import { benchImap } from './imap'
import { benchIngest } from './ingest'
import { benchLongText } from './long-text'
import { benchPackageSize } from './package-size'
import { benchScale } from './scale'
import { benchSimulate } from './simulate'
import { benchSlackDay } from './slack-day'
import { benchSyncDay } from './sync-day'

const count = Number(process.env.LULL_BENCH_ITEMS ?? 100_000)

console.log('== the package: app.asar against its budget (electron-builder, Linux dir, a stand-in Electron)')
for (const line of await benchPackageSize()) console.log(line)
console.log('\n== simulate a year of arrivals (Node)')
for (const line of await benchSimulate()) console.log(line)
console.log(
  '\n== a calendar of 5,000 events: expansion for the 21-day window, and the cost per engine wake (Node)',
)
for (const line of await benchCalendar()) console.log(line)
console.log('\n== a day of syncing, from the request ledger (Node, the engine on a simulated clock)')
for (const line of await benchSyncDay()) console.log(line)
console.log(
  '\n== GitHub: an idle and a busy hour against the emulator (Node, the engine on a simulated clock)',
)
for (const line of await benchGithubHours()) console.log(line)
console.log(
  '\n== Slack: an 8-hour day, 100 watched and 3 urgent channels, Socket Mode and polling (Node, the engine on a simulated clock)',
)
for (const line of await benchSlackDay()) console.log(line)
console.log('\n== email: IDLE latency and a 5,000-message first sync (Node, a real Dovecot)')
await benchImap()
console.log(`\n== ingest ${count.toLocaleString('en')} items (Chromium, real IndexedDB)`)
for (const line of await benchIngest({ count })) console.log(line)
console.log(
  `\n== one conversation across sources at ${count.toLocaleString('en')} items (Chromium, real IndexedDB)`,
)
for (const line of await benchConversations({ count })) console.log(line)
console.log('\n== check-in of 50,000 held items (Chromium, real IndexedDB)')
for (const line of await benchCheckIn()) console.log(line)
console.log('\n== 200,000 stored items: Now view and idle (the app in Chromium, browser mode)')
for (const line of await benchScale({ idleSeconds: Number(process.env.LULL_BENCH_IDLE_SECONDS ?? 60) })) {
  console.log(line)
}
console.log(
  '\n== the face at 100,000 items: start, focus, idle, inbox, search, scrolling, heap, keys; digests of 10,000 and 50,000 (Chromium, browser mode)',
)
for (const line of await benchFace({
  idleSeconds: Number(process.env.LULL_BENCH_FACE_IDLE_SECONDS ?? 120),
})) {
  console.log(line)
}
console.log('\n== long unbroken text in the digest and item view (Chromium, built renderer)')
for (const line of await benchLongText()) console.log(line)

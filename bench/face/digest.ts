// The digest: "Check in now" on the Now view to the digest's first rows
// painted (goal ≤ 300 ms), with the long tasks (≥ 50 ms, PerformanceObserver
// 'longtask') from the click until the digest has been on screen a while
// (goal for the largest: none over 200 ms); then the stored digest reopened
// from its tab. Measured for each size of held items, and for the baseline.
import type { Page } from 'playwright-core'
import { z } from 'zod'
import { median } from '../median'
import { count, ms, ratio, seconds, verdict } from './format'
import { clickButton, clickTab, digestRow, nowShown, sleep, timeInPage, waitMs } from './page'

const shownGoalMs = 300
const longTaskGoalMs = 200
/** Long tasks are still recorded this long after the digest shows: what follows its first paint counts too. */
const afterShownMs = 3_000

/**
 * "Check in now" to the app on the Digest (the check-in is stored and the
 * navigation marks the Digest current) and to the digest's rows painted;
 * and every long task that started after the click, until `afterShownMs`
 * after that paint.
 */
const timeCheckIn = `new Promise((resolve, reject) => {
  const longTasks = []
  const tasks = new PerformanceObserver((list) => {
    for (const task of list.getEntries()) longTasks.push({ at: task.startTime, duration: task.duration })
  })
  tasks.observe({ type: 'longtask', buffered: true })
  const started = performance.now()
  let switched
  const timer = setTimeout(() => {
    observer.disconnect()
    tasks.disconnect()
    reject(new Error('the digest did not show in time'))
  }, ${waitMs})
  const observer = new MutationObserver(() => {
    const current = document.querySelector('nav[aria-label="Views"] [aria-current=page]')
    if (switched === undefined && current?.textContent.trim() === 'Digest') switched = performance.now() - started
    if (!document.querySelector(${JSON.stringify(digestRow)})) return
    observer.disconnect()
    clearTimeout(timer)
    requestAnimationFrame(() => setTimeout(() => {
      const shown = performance.now() - started
      setTimeout(() => {
        tasks.disconnect()
        const during = longTasks
          .filter((task) => task.at >= started)
          .map((task) => ({ at: task.at - started, duration: task.duration }))
        resolve({ switched, shown, longTasks: during })
      }, ${afterShownMs})
    }))
  })
  observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['aria-current'] })
  ${clickButton('Check in now', true)}
})`

const CheckIn = z.object({
  switched: z.number(),
  shown: z.number(),
  longTasks: z.array(z.object({ at: z.number(), duration: z.number() })),
})
type CheckIn = z.infer<typeof CheckIn>

export type DigestFigures = { items: number; checkIn: CheckIn; title: string; reopen: number[] }

/** "Check in now" on the Now view to the digest painted, then the stored digest reopened from its tab `runs` times. */
export async function timeDigest(page: Page, items: number, runs: number): Promise<DigestFigures> {
  const checkIn = CheckIn.parse(await page.evaluate(timeCheckIn))
  const title = (await page.getByTestId('digest-title').textContent()) ?? ''
  const reopen: number[] = []
  for (let run = 0; run < runs; run++) {
    await timeInPage(page, clickTab('Now'), nowShown)
    await sleep(500)
    reopen.push(await timeInPage(page, clickTab('Digest'), digestRow))
  }
  return { items, checkIn, title, reopen }
}

function longTasksLine({ checkIn }: DigestFigures): string {
  const durations = checkIn.longTasks.map((task) => task.duration)
  if (durations.length === 0) return 'no long task'
  const longest = checkIn.longTasks.reduce((a, b) => (b.duration > a.duration ? b : a))
  const over = durations.filter((duration) => duration > longTaskGoalMs).length
  const total = durations.reduce((sum, duration) => sum + duration, 0)
  return (
    `${durations.length} long tasks (${ms(total)} in all), longest ${ms(longest.duration)} ` +
    `(from ${seconds(longest.at)} after the click), ${over} over ${longTaskGoalMs} ms`
  )
}

function digestLine(digest: DigestFigures): string {
  const { checkIn } = digest
  return (
    `${count(digest.items)} held: "Check in now" to the digest's rows painted ${ms(checkIn.shown)} ` +
    `(stored and the Digest current at ${ms(checkIn.switched)}); ${longTasksLine(digest)}; ` +
    `reopened from its tab ${ms(median(digest.reopen))} median (runs: ${digest.reopen.map(ms).join(', ')})`
  )
}

export function describeDigests(digests: DigestFigures[], baseline: DigestFigures): string[] {
  const largest = digests.reduce((a, b) => (b.items > a.items ? b : a))
  const lines = [
    `Digest (a fresh store of held items each, the search index marked caught up): goals "Check in now" to rows painted ≤ ${shownGoalMs} ms; ` +
      `for ${count(largest.items)}, no long task over ${longTaskGoalMs} ms`,
  ]
  for (const digest of digests) {
    const over = digest.checkIn.longTasks.filter((task) => task.duration > longTaskGoalMs).length
    const longGoal = digest === largest ? `; long tasks ${verdict(over === 0)}` : ''
    lines.push(
      `  ${digestLine(digest)} (rows ≤ ${shownGoalMs} ms ${verdict(digest.checkIn.shown <= shownGoalMs)}${longGoal}); ` +
        `ratios to ${count(baseline.items)}: ${ratio(digest.checkIn.shown, baseline.checkIn.shown)} (check-in), ` +
        `${ratio(median(digest.reopen), median(baseline.reopen))} (reopen) — "${digest.title.trim()}"`,
    )
  }
  lines.push(`  baseline ${digestLine(baseline)}`)
  return lines
}

// Cold start: the app's first load in a fresh browser context (nothing
// cached), from the navigation to a usable Now view: its heading, its focus
// buttons, and a click on "Focus 25 min" answered by the focus heading,
// painted (goal ≤ 1 s). The watcher is an init script, so it sees the page
// from its first node, and the click is made in the page the moment the
// button is there. Also the JavaScript the page fetched, by then and in all.
import type { Page } from 'playwright-core'
import { z } from 'zod'
import { count, kb, ms, ratio, verdict } from './format'
import { focusState, waitMs } from './page'

const goalMs = 1_000
const clickedLabel = 'Focus 25 min'

/** Init script: marks, in ms since navigation started, the Now view's heading, its focus buttons, a click answered. */
export const watchStart = `(() => {
  const marks = {}
  globalThis.__faceStart = marks
  const focusHeading = () => document.querySelector(${JSON.stringify(focusState)})
  const observer = new MutationObserver(() => {
    if (marks.headingAt === undefined) {
      const heading = document.querySelector('main h1')
      if (!heading || heading.textContent.trim() !== 'Now') return
      marks.headingAt = performance.now()
    }
    if (marks.buttonsAt === undefined) {
      const button = [...document.querySelectorAll('main button')]
        .find((candidate) => candidate.textContent.trim() === ${JSON.stringify(clickedLabel)})
      if (!button || !focusHeading()) return
      marks.buttonsAt = performance.now()
      marks.was = focusHeading().textContent
      button.click()
      return
    }
    if (focusHeading()?.textContent === marks.was) return
    observer.disconnect()
    marks.changedAt = performance.now()
    requestAnimationFrame(() => setTimeout(() => { marks.answeredAt = performance.now() }))
  })
  observer.observe(document, { subtree: true, childList: true, characterData: true })
})()`

const Marks = z.object({ headingAt: z.number(), buttonsAt: z.number(), answeredAt: z.number() })

const Script = z.object({ transfer: z.number(), decoded: z.number(), end: z.number() })

/** The page's JavaScript as Resource Timing lists it: bytes over the wire, unpacked, and when each arrived. */
const readScripts = `performance.getEntriesByType('resource')
  .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
  .map((entry) => ({ transfer: entry.transferSize, decoded: entry.decodedBodySize, end: entry.responseEnd }))`

export type ColdStart = z.infer<typeof Marks> & {
  scripts: number
  transferred: number
  decoded: number
  transferredByUsable: number
}

/** Waits for the watcher's marks, then ends the focus the click started (untimed). */
export async function readColdStart(page: Page): Promise<ColdStart> {
  await page.waitForFunction(
    () => (globalThis as { __faceStart?: { answeredAt?: number } }).__faceStart?.answeredAt !== undefined,
    undefined,
    { timeout: waitMs },
  )
  const marks = Marks.parse(await page.evaluate('globalThis.__faceStart'))
  const scripts = z.array(Script).parse(await page.evaluate(readScripts))
  const sum = (list: z.infer<typeof Script>[], key: 'transfer' | 'decoded') =>
    list.reduce((total, script) => total + script[key], 0)
  await page.getByRole('button', { name: 'End focus' }).click()
  await page.locator(focusState, { hasText: 'Not focusing' }).waitFor({ timeout: waitMs })
  return {
    ...marks,
    scripts: scripts.length,
    transferred: sum(scripts, 'transfer'),
    decoded: sum(scripts, 'decoded'),
    transferredByUsable: sum(
      scripts.filter((script) => script.end <= marks.answeredAt),
      'transfer',
    ),
  }
}

export function describeColdStart(
  large: { items: number; start: ColdStart },
  baseline: { items: number; start: ColdStart },
): string[] {
  const { start } = large
  return [
    `Cold start (a fresh browser context), navigation to a usable Now view, ${count(large.items)} items stored: ` +
      `${ms(start.answeredAt)} (heading ${ms(start.headingAt)}, focus buttons ${ms(start.buttonsAt)}, ` +
      `a click on "${clickedLabel}" answered and painted ${ms(start.answeredAt - start.buttonsAt)} later) ` +
      `(goal ≤ ${ms(goalMs)}, ${verdict(start.answeredAt <= goalMs)})`,
    `  ${count(baseline.items)} items: ${ms(baseline.start.answeredAt)} (buttons ${ms(baseline.start.buttonsAt)}); ` +
      `ratio ${ratio(start.answeredAt, baseline.start.answeredAt)}`,
    `  JavaScript transferred: ${kb(start.transferred)} in ${start.scripts} files (${kb(start.decoded)} unpacked), ` +
      `${kb(start.transferredByUsable)} of it by the time the Now view was usable`,
  ]
}

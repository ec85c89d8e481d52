// Focus from the Now view: a click on "Focus 50 min" to the focus heading
// ([data-testid=focus-state]) saying so, painted, and "End focus" back to
// "Not focusing". Goal ≤ 100 ms each: the attention hook applies the
// engine's intent before the store has it.
import type { Page } from 'playwright-core'
import { z } from 'zod'
import { median } from '../median'
import { count, ms, ratio, verdict } from './format'
import { clickButton, clickTab, focusState, nowShown, sleep, timeInPage, timeUntilPainted } from './page'

const goalMs = 100

export type FocusTiming = { start: number[]; end: number[] }

/** JS timing a click on the Now view's button `label` to the focus heading's words changing, painted. */
const timeFocusClick = (label: string) =>
  timeUntilPainted({
    before: `const heading = document.querySelector(${JSON.stringify(focusState)})
  if (!heading) throw new Error('no focus heading on the Now view')
  const was = heading.textContent`,
    act: clickButton(label),
    isDone: `document.querySelector(${JSON.stringify(focusState)})?.textContent !== was`,
    what: `the focus heading after "${label}"`,
  })

/** `runs` rounds of "Focus 50 min" then "End focus", each timed, from the Now view. */
export async function timeFocus(page: Page, runs: number): Promise<FocusTiming> {
  await timeInPage(page, clickTab('Now'), nowShown)
  const timing: FocusTiming = { start: [], end: [] }
  for (let run = 0; run < runs; run++) {
    await sleep(500)
    timing.start.push(z.number().parse(await page.evaluate(timeFocusClick('Focus 50 min'))))
    await sleep(500)
    timing.end.push(z.number().parse(await page.evaluate(timeFocusClick('End focus'))))
  }
  await page.locator(focusState, { hasText: 'Not focusing' }).waitFor()
  return timing
}

export function describeFocus(
  large: { items: number; focus: FocusTiming },
  baseline: { items: number; focus: FocusTiming },
): string[] {
  const line = (label: string, times: number[], base: number[]) => {
    const at = median(times)
    return (
      `  ${label}: ${ms(at)} median (runs: ${times.map(ms).join(', ')}) (goal ≤ ${goalMs} ms, ${verdict(at <= goalMs)}); ` +
      `${count(baseline.items)} items: ${ms(median(base))}, ratio ${ratio(at, median(base))}`
    )
  }
  return [
    `Focus on the Now view, click to the focus heading changed, painted, ${count(large.items)} items stored:`,
    line('"Focus 50 min"', large.focus.start, baseline.focus.start),
    line('"End focus"   ', large.focus.end, baseline.focus.end),
  ]
}

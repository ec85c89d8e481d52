// A newcomer's first minutes in a real Chromium: the setup on Now, with the
// sample workspace running, says plainly that everything but urgent rules
// waits for check-ins, and ends in a one-off check-in a few minutes away
// that stays one-off: drawn on its day only, kept as a one-off through a
// save. Skipping keeps the defaults. Either way the setup does not come back.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hasChromium, useChromium } from '../support/chromium'
import { startTestWebHost } from './web-host'

/** The times the Settings form lists, with what each says about its days. */
async function checkInRows(page: Page): Promise<string[]> {
  const rows = page.getByTestId('check-in-row')
  const found: string[] = []
  for (let index = 0; index < (await rows.count()); index++) {
    const row = rows.nth(index)
    const time = await row.getByRole('textbox', { name: 'Time' }).inputValue()
    const once = row.getByTestId('check-in-once')
    if ((await once.count()) > 0) {
      found.push(`${time} ${await once.textContent()}`)
      continue
    }
    const pressed = await row.locator('button[aria-pressed="true"]').allTextContents()
    found.push(`${time} ${pressed.map((text) => text.slice(0, 3)).join(',')}`)
  }
  return found
}

describe.skipIf(!hasChromium)('first run', () => {
  const browser = useChromium()

  it('sets check-ins, a block and an urgent channel, with a one-off check-in five minutes away that stays one-off', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    const context = await browser().newContext({ timezoneId: 'Europe/London' })
    try {
      const page = await context.newPage()
      // A Wednesday at noon.
      await page.clock.install({ time: new Date('2026-03-11T12:00:00Z') })
      await page.goto(host.url)
      const setup = page.getByRole('form', { name: 'Set up Lull in a minute' })
      await expect.poll(() => setup.isVisible()).toBe(true)
      await setup.getByRole('textbox', { name: 'Check in at' }).fill('10:00, 15:00')
      await setup.getByRole('textbox', { name: 'One deep-work block' }).fill('Mon–Fri 08:00–10:00')
      await setup.getByRole('textbox', { name: 'Urgent channel' }).fill('#oncall')
      const soonBox = setup.getByRole('checkbox', { name: /Also check in once at \d\d:\d\d today/ })
      expect(await soonBox.isChecked()).toBe(true)
      const soonLabel = await setup.locator(`label[for="${await soonBox.getAttribute('id')}"]`).textContent()
      const soon = /at (\d\d:\d\d) today/.exec(soonLabel ?? '')?.[1]
      expect(soon).toMatch(/^12:0\d$/)
      await setup.getByRole('button', { name: 'Start with these' }).click()
      await expect.poll(() => setup.count()).toBe(0)

      await page.getByRole('button', { name: 'Rules', exact: true }).click()
      await expect
        .poll(() => page.locator('.rule-head > strong').allTextContents())
        .toEqual(['Slack channel #oncall'])

      await page.getByRole('button', { name: 'Settings', exact: true }).click()
      await expect
        .poll(() => checkInRows(page))
        .toEqual(['10:00 Mon,Tue,Wed,Thu,Fri', '15:00 Mon,Tue,Wed,Thu,Fri', `${soon} Once, on Wed 11 Mar`])
      // Saved again as it is, the one-off is still a one-off.
      await page.getByRole('button', { name: 'Save settings' }).click()
      await expect.poll(() => page.getByRole('status').textContent()).toContain('Saved.')
      await page.reload()
      await page.getByRole('button', { name: 'Settings', exact: true }).click()
      await expect.poll(() => checkInRows(page)).toContain(`${soon} Once, on Wed 11 Mar`)

      // The week grid draws it on Wednesday only; the weekly times on every weekday.
      await page.getByRole('button', { name: 'Focus', exact: true }).click()
      const marks = (day: string, time: string) =>
        page
          .locator(`.week-day-column[data-day=${day}] [data-testid=week-check-in][data-time="${time}"]`)
          .count()
      await expect.poll(() => marks('wed', soon ?? '')).toBe(1)
      for (const day of ['mon', 'tue', 'thu', 'fri', 'sat', 'sun'])
        expect(await marks(day, soon ?? '')).toBe(0)
      for (const day of ['mon', 'tue', 'wed', 'thu', 'fri']) expect(await marks(day, '10:00')).toBe(1)
      expect(await marks('sat', '10:00')).toBe(0)

      await page.getByRole('button', { name: 'Now', exact: true }).click()
      await expect.poll(() => page.getByTestId('focus-state').isVisible()).toBe(true)
      expect(await page.getByRole('form', { name: 'Set up Lull in a minute' }).count()).toBe(0)
    } finally {
      await context.close()
      await host.close()
    }
  })

  it('goes away for good when skipped', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    try {
      const page = await browser().newPage()
      await page.goto(host.url)
      const setup = page.getByRole('form', { name: 'Set up Lull in a minute' })
      await setup.getByRole('button', { name: /Skip/ }).click()
      await expect.poll(() => setup.count()).toBe(0)
      await page.reload()
      await expect.poll(() => page.getByTestId('focus-state').isVisible()).toBe(true)
      expect(await setup.count()).toBe(0)
    } finally {
      await host.close()
    }
  })
})

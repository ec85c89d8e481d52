// A newcomer's first minutes in a real Chromium: the setup on Now, with
// the sample workspace running, ends in a check-in a few minutes away; and
// skipping keeps the defaults. Either way the setup does not come back.
import { describe, expect, it } from 'vitest'
import { hasChromium, useChromium } from '../support/chromium'
import { startTestWebHost } from './web-host'

describe.skipIf(!hasChromium)('first run', () => {
  const browser = useChromium()

  it('sets check-ins, a block and an urgent channel, with a first check-in five minutes away', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    try {
      const page = await browser().newPage()
      await page.goto(host.url)
      const setup = page.getByRole('form', { name: 'Set up Lull in a minute' })
      await expect.poll(() => setup.isVisible()).toBe(true)
      await setup.getByRole('textbox', { name: 'Check in at' }).fill('10:00, 15:00')
      await setup.getByRole('textbox', { name: 'One deep-work block' }).fill('Mon–Fri 08:00–10:00')
      await setup.getByRole('textbox', { name: /Urgent channel/ }).fill('#oncall')
      const soonLabel = await setup
        .getByRole('checkbox')
        .evaluate((box) => box.parentElement?.textContent ?? '')
      const soon = /at (\d\d:\d\d)/.exec(soonLabel)?.[1]
      await setup.getByRole('button', { name: 'Start with these' }).click()
      await expect.poll(() => setup.count()).toBe(0)

      await page.getByRole('button', { name: 'Rules', exact: true }).click()
      await expect
        .poll(() => page.locator('.rule-list > li > strong').allTextContents())
        .toEqual(['Slack channel #oncall'])
      await page.getByRole('button', { name: 'Settings', exact: true }).click()
      const times = page.getByRole('textbox', { name: /Check-in times/ })
      await expect.poll(() => times.inputValue()).toContain('10:00')
      expect(await times.inputValue()).toContain(soon ?? 'no soon time')
      await page.reload()
      await expect.poll(() => page.getByTestId('focus-state').isVisible()).toBe(true)
      expect(await page.getByRole('form', { name: 'Set up Lull in a minute' }).count()).toBe(0)
    } finally {
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

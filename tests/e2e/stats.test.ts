// Stats in a real Chromium: after a check-in the week's figures count it,
// the plots are drawn by the charting library, and the same numbers are
// in a table for anyone who cannot see a plot.
import { describe, expect, it } from 'vitest'
import { hasChromium, useChromium } from '../support/chromium'
import { slackMessage, startTestWebHost } from './web-host'

describe.skipIf(!hasChromium)('stats', () => {
  const browser = useChromium()

  it('counts a check-in and a focus session, and shows plots with a table of the same numbers', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    try {
      const page = await browser().newPage()
      await page.goto(host.url)
      await expect.poll(() => page.getByRole('note').textContent()).toContain('Sample workspace')
      await page.getByRole('button', { name: 'Focus 25 min' }).click()
      await expect.poll(() => page.getByTestId('focus-state').textContent()).toMatch(/^Focus until/)
      for (const thread of ['a', 'b']) {
        host.workspace.inject(
          slackMessage({ channel: '#general', thread, author: 'Dana', text: `during focus ${thread}` }),
        )
      }
      await expect.poll(async () => Number(await page.getByTestId('waiting-count').textContent())).toBe(2)
      await page.getByRole('button', { name: /Check in now/ }).click()
      await expect.poll(() => page.getByTestId('digest-title').textContent()).toMatch(/2 new/)

      await page.getByRole('button', { name: 'Stats', exact: true }).click()
      await expect.poll(() => page.getByTestId('stat-shielded').textContent()).toBe('2')
      expect(await page.getByTestId('stat-notifications').textContent()).toBe('1')
      await expect.poll(() => page.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0)
      const today = page.getByTestId('stats-table').locator('tbody tr').last()
      expect(await today.locator('td').first().textContent()).toBe('2')
    } finally {
      await host.close()
    }
  })
})

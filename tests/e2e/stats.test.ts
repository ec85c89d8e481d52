// Stats in a real Chromium: a fresh install invents nothing (no focus
// hours from blocks before Lull ran, no zeros drawn for days without data);
// after a check-in the week's figures count it, the plots are drawn by the
// charting library, and the same numbers are in a table for anyone who
// cannot see a plot.
import { describe, expect, it } from 'vitest'
import { hasChromium, useChromium } from '../support/chromium'
import { slackMessage, startTestWebHost } from './web-host'

describe.skipIf(!hasChromium)('stats', () => {
  const browser = useChromium()

  it('shows no invented hours on a fresh install, inside a block that began before Lull did', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    const context = await browser().newContext({ timezoneId: 'Europe/London' })
    try {
      const page = await context.newPage()
      // A Wednesday at 10:30, an hour and a half into the default 09:00–11:30 block.
      await page.clock.install({ time: new Date('2026-03-11T10:30:00Z') })
      await page.goto(host.url)
      await expect.poll(() => page.getByTestId('focus-state').textContent()).toMatch(/deep-work block/)
      await page.getByRole('button', { name: 'Stats', exact: true }).click()
      await expect.poll(() => page.getByTestId('stat-focus').textContent()).toBe('0 h')
      expect(await page.getByTestId('stat-shielded').textContent()).toBe('0')
      expect(await page.getByTestId('stats-no-data').textContent()).toContain('No data yet')
      expect(await page.locator('.recharts-bar-rectangle').count()).toBe(0)
      expect(await page.getByTestId('stats-focus-rule').textContent()).toMatch(/only while Lull was running/)
      await page.screenshot({ path: 'test-results/stats-fresh.png' })
    } finally {
      await context.close()
      await host.close()
    }
  })

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
      // Days before Lull first ran have no data: a dash, not a zero.
      const before = page.getByTestId('stats-table').locator('tbody tr').first()
      expect(await before.locator('td').first().textContent()).toBe('—')
      // The sample workspace's messages are counted, and said to be made up.
      expect(await page.getByTestId('stats-sample-note').textContent()).toMatch(/^2 of the messages/)
      await page.screenshot({ path: 'test-results/stats-week.png', fullPage: true })
    } finally {
      await host.close()
    }
  })
})

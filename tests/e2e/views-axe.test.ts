// Every view in a real Chromium, light and dark: axe finds no serious or
// critical accessibility violation, and a screenshot of each view is kept
// under test-results/views/ for the README and for review.
import { mkdirSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import { describe, expect, it } from 'vitest'
import { hasChromium, useChromium } from '../support/chromium'
import { slackMessage, startTestWebHost } from './web-host'

mkdirSync('test-results/views', { recursive: true })

const views = ['Now', 'Waiting', 'Digest', 'Inbox', 'Focus', 'Rules', 'Stats', 'Accounts', 'Settings']

describe.skipIf(!hasChromium)('accessibility of every view', () => {
  const browser = useChromium()

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no serious or critical violation in ${scheme} mode`, async () => {
      const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
      try {
        // axe needs a page of its own context.
        const context = await browser().newContext({ colorScheme: scheme })
        const page = await context.newPage()
        await page.goto(host.url)
        await expect.poll(() => page.getByRole('note').textContent()).toContain('Sample workspace')
        for (let index = 0; index < 3; index++) {
          host.workspace.inject(
            slackMessage({
              channel: '#general',
              thread: `a${index}`,
              author: 'Dana',
              text: `Hello ${index}`,
            }),
          )
        }
        await expect.poll(async () => Number(await page.getByTestId('waiting-count').textContent())).toBe(3)
        await page.getByRole('button', { name: /Check in now/ }).click()
        // The check-in opens its digest; the tour starts once it has.
        await expect.poll(() => page.getByTestId('digest-title').textContent()).toMatch(/3 new/)
        const problems: string[] = []
        for (const view of views) {
          const navButton = page
            .getByRole('navigation', { name: 'Views' })
            .getByRole('button', { name: view, exact: true })
          await navButton.click()
          await expect.poll(() => navButton.getAttribute('aria-current')).toBe('page')
          await expect.poll(() => page.locator('main .loading').count()).toBe(0)
          const result = await new AxeBuilder({ page }).analyze()
          for (const violation of result.violations) {
            if (violation.impact === 'serious' || violation.impact === 'critical') {
              const where = violation.nodes.map((node) => node.target.join(' ')).slice(0, 3)
              problems.push(`${view}: ${violation.id} (${violation.impact}) at ${where.join(', ')}`)
            }
          }
          await page.screenshot({ path: `test-results/views/${view.toLowerCase()}-${scheme}.png` })
        }
        expect(problems).toEqual([])
        await context.close()
      } finally {
        await host.close()
      }
    })
  }
})

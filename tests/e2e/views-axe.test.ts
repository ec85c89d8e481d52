// Every view in a real Chromium, light and dark, at 1280×800 and at 800×600:
// axe finds no violation of any impact, each view has exactly one h1 inside
// the one <main> beside the one <nav>, the page breaks no rule of its CSP,
// and a screenshot of each view is kept under test-results/views/ for the
// README and for review.
import { mkdirSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hasChromium, useChromium } from '../support/chromium'
import { slackMessage, startTestWebHost } from './web-host'

mkdirSync('test-results/views', { recursive: true })

const views = ['Now', 'Waiting', 'Digest', 'Inbox', 'Focus', 'Rules', 'Stats', 'Accounts', 'Settings']
const sizes = [
  { width: 1280, height: 800 },
  { width: 800, height: 600 },
]

async function openView(page: Page, view: string) {
  const navButton = page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: view, exact: true })
  await navButton.click()
  await expect.poll(() => navButton.getAttribute('aria-current')).toBe('page')
  await expect.poll(() => page.locator('main .loading').count()).toBe(0)
}

describe.skipIf(!hasChromium)('accessibility of every view', () => {
  const browser = useChromium()

  for (const scheme of ['light', 'dark'] as const) {
    for (const size of sizes) {
      // Nine axe runs on a busy two-core machine: give them the time they take.
      it(`has no violation of any impact in ${scheme} mode at ${size.width}×${size.height}`, {
        timeout: 180_000,
      }, async () => {
        const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
        try {
          // axe needs a page of its own context.
          const context = await browser().newContext({ colorScheme: scheme, viewport: size })
          const page = await context.newPage()
          const refused: string[] = []
          page.on('console', (message) => {
            if (/Content Security Policy/i.test(message.text())) refused.push(message.text())
          })
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
            await openView(page, view)
            const where = `${view} ${size.width}×${size.height}`
            expect(await page.getByRole('navigation').count(), where).toBe(1)
            expect(await page.getByRole('main').count(), where).toBe(1)
            expect(await page.locator('main h1').count(), where).toBe(1)
            expect(await page.locator('h1').count(), where).toBe(1)
            // Only violations are wanted: axe skips collecting what passed, which saves it a third of its time.
            const result = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze()
            for (const violation of result.violations) {
              const at = violation.nodes.map((node) => node.target.join(' ')).slice(0, 3)
              problems.push(`${where}: ${violation.id} (${violation.impact}) at ${at.join(', ')}`)
            }
            // The pointer off the navigation, so no rail tooltip covers the picture.
            await page.mouse.move(size.width - 1, size.height - 1)
            await page.screenshot({
              path: `test-results/views/${view.toLowerCase()}-${scheme}-${size.width}x${size.height}.png`,
            })
          }
          expect(problems).toEqual([])
          expect(refused).toEqual([])
          await context.close()
        } finally {
          await host.close()
        }
      })
    }
  }
})

// The shell as a person meets it, in a real Chromium over browser mode: the
// navigation stays put whichever view is open (a sidebar at 1280×800, an
// icon-only rail at 800×600, each item named for screen readers), the open
// view starts at the top beside it, a long notice takes one line until asked
// for more, and keyboard focus is always drawn.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hasChromium, useChromium } from '../support/chromium'
import { slackMessage, startTestWebHost } from './web-host'

const views = ['Now', 'Waiting', 'Digest', 'Inbox', 'Focus', 'Rules', 'Stats', 'Accounts', 'Settings']

function navItems(page: Page) {
  return page.getByRole('navigation', { name: 'Views' }).getByRole('button')
}

async function navBoxes(page: Page) {
  const items = navItems(page)
  const boxes = []
  for (let index = 0; index < (await items.count()); index++) boxes.push(await items.nth(index).boundingBox())
  return boxes
}

describe.skipIf(!hasChromium)('the shell', () => {
  const browser = useChromium()

  it('keeps every navigation item in its place whichever view is open, wide and narrow', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    try {
      const context = await browser().newContext({ viewport: { width: 1280, height: 800 } })
      const page = await context.newPage()
      await page.goto(host.url)
      await expect.poll(() => page.getByRole('note').textContent()).toContain('Sample workspace')
      // A check-in with a few items, so the views have something to lay out.
      for (let index = 0; index < 3; index++) {
        host.workspace.inject(
          slackMessage({ channel: '#general', thread: `n${index}`, author: 'Dana', text: `Hello ${index}` }),
        )
      }
      await expect.poll(async () => Number(await page.getByTestId('waiting-count').textContent())).toBe(3)
      await page.getByRole('button', { name: /Check in now/ }).click()
      for (const size of [
        { width: 1280, height: 800 },
        { width: 800, height: 600 },
      ]) {
        await page.setViewportSize(size)
        const nav = page.getByRole('navigation', { name: 'Views' })
        await nav.getByRole('button', { name: 'Now', exact: true }).click()
        const before = await navBoxes(page)
        expect(before.length).toBe(views.length + 1)
        for (const view of views) {
          const item = nav.getByRole('button', { name: view, exact: true })
          await item.click()
          await expect.poll(() => item.getAttribute('aria-current')).toBe('page')
          // One current item, and every item exactly where it was.
          expect(await nav.locator('[aria-current=page]').count()).toBe(1)
          expect(await navBoxes(page)).toEqual(before)
          // The navigation and the view fill the window's height, whatever else is mounted.
          expect((await nav.boundingBox())?.height).toBe(size.height)
          expect((await page.getByRole('main').boundingBox())?.height).toBe(size.height)
        }
      }
      await context.close()
    } finally {
      await host.close()
    }
  })

  it('at 800×600 shows the view beside an icon rail, from the top, with a one-line notice that opens', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    try {
      const context = await browser().newContext({ viewport: { width: 800, height: 600 } })
      const page = await context.newPage()
      await page.goto(host.url)
      await expect.poll(() => page.getByRole('note').textContent()).toContain('Sample workspace')
      const nav = page.getByRole('navigation', { name: 'Views' })
      const rail = await nav.boundingBox()
      // A rail: narrow, full height, the names kept for screen readers.
      expect(rail?.width).toBeLessThanOrEqual(64)
      expect(await nav.getByRole('button', { name: 'Accounts', exact: true }).count()).toBe(1)

      for (const view of ['Now', 'Accounts', 'Settings']) {
        await nav.getByRole('button', { name: view, exact: true }).click()
        const title = page.locator('main h1')
        await expect.poll(() => title.count()).toBe(1)
        const main = await page.getByRole('main').boundingBox()
        const heading = await title.boundingBox()
        // Beside the rail, not under a bar: the view's title within the top 80 px.
        expect(main?.x).toBeGreaterThanOrEqual((rail?.x ?? 0) + (rail?.width ?? 0))
        expect(heading?.y).toBeLessThanOrEqual(80)
      }

      // The sample notice is one line; "More" opens the rest and "Less" folds it again.
      const notice = page.locator('.banner').filter({ has: page.getByRole('note') })
      const folded = (await notice.boundingBox())?.height ?? 0
      expect(folded).toBeLessThanOrEqual(40)
      const more = notice.getByRole('button', { name: 'More' })
      await more.click()
      await expect
        .poll(() => notice.getByRole('button', { name: 'Less' }).getAttribute('aria-expanded'))
        .toBe('true')
      expect((await notice.boundingBox())?.height ?? 0).toBeGreaterThan(folded)
      await notice.getByRole('button', { name: 'Less' }).click()
      await expect.poll(async () => (await notice.boundingBox())?.height).toBe(folded)
      await context.close()
    } finally {
      await host.close()
    }
  })

  it('draws keyboard focus on every navigation item', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    try {
      const page = await browser().newPage()
      await page.goto(host.url)
      await expect.poll(() => page.getByRole('note').textContent()).toContain('Sample workspace')
      const items = navItems(page)
      await items.first().focus()
      for (let index = 0; index < (await items.count()); index++) {
        if (index > 0) await page.keyboard.press('Tab')
        const ring = await page.locator(':focus').evaluate((focused) => {
          const style = focused.ownerDocument.defaultView?.getComputedStyle(focused)
          return {
            text: focused.textContent,
            outline: style?.outlineStyle,
            width: style?.outlineWidth ?? '0',
          }
        })
        expect(ring.outline, `focus on ${ring.text}`).not.toBe('none')
        expect(Number.parseFloat(ring.width)).toBeGreaterThanOrEqual(2)
      }
    } finally {
      await host.close()
    }
  })
})

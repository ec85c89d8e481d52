// The Now view in a real Chromium: the next check-in says why it is when it
// is, in the card and on the timeline alike; a focus click shows at once;
// the first run and Now say that everything but urgent rules waits.
import { describe, expect, it } from 'vitest'
import { hasChromium, useChromium } from '../support/chromium'
import { startTestWebHost } from './web-host'

describe.skipIf(!hasChromium)('the Now view', () => {
  const browser = useChromium()

  it('says the next check-in moved to the end of deep work, the same in the card and on the timeline', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    const context = await browser().newContext({ timezoneId: 'Europe/London' })
    try {
      const page = await context.newPage()
      // A Wednesday at 09:20: inside the default 09:00–11:30 block, before the 09:30 check-in.
      await page.clock.install({ time: new Date('2026-03-11T09:20:00Z') })
      await page.goto(host.url)
      const setup = page.getByRole('form', { name: 'Set up Lull in a minute' })
      await expect.poll(() => setup.isVisible()).toBe(true)
      expect(await page.getByTestId('first-run-promise').textContent()).toContain(
        "holds every message that isn't urgent until your next check-in, in focus or not",
      )
      // The first run's one-off check-in falls in the block too, and says it waits rather than promise a digest soon.
      expect(
        await setup
          .getByRole('checkbox', { name: /Also check in once at 09:25 today; .* waits until 11:30/ })
          .count(),
      ).toBe(1)
      await setup.getByRole('button', { name: /Skip/ }).click()

      await expect.poll(() => page.getByTestId('next-check-in').textContent()).toBe('Next check-in 11:30')
      expect(await page.getByTestId('next-check-in-why').textContent()).toBe(
        'Moved from 09:30 to the end of your deep work.',
      )
      expect(await page.getByTestId('hold-promise').textContent()).toBe(
        'Everything but urgent rules waits for your check-ins, in focus or not.',
      )
      expect(await page.getByTestId('timeline-next-check-in').getAttribute('data-at')).toBe('11:30')
      expect(await page.getByTestId('timeline-caption').textContent()).toContain(
        'check-ins at 11:30 (moved from 09:30 to the end of your deep work), 13:00, 16:30',
      )
    } finally {
      await context.close()
      await host.close()
    }
  })

  it('shows a focus click at once, and its end too', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    const context = await browser().newContext({ timezoneId: 'Europe/London' })
    try {
      const page = await context.newPage()
      // A Wednesday at 12:00, outside every default block.
      await page.clock.install({ time: new Date('2026-03-11T12:00:00Z') })
      await page.goto(host.url)
      const heading = page.getByTestId('focus-state')
      await expect.poll(() => heading.textContent()).toBe('Not focusing')
      await page.getByRole('button', { name: 'Focus 50 min' }).click()
      // Before the store write and the next clock tick: the engine's intent shows at once.
      await expect.poll(() => heading.textContent(), { timeout: 1_500 }).toMatch(/^Focus until 12:5\d$/)
      await page.getByRole('button', { name: 'End focus' }).click()
      await expect.poll(() => heading.textContent(), { timeout: 1_500 }).toBe('Not focusing')
    } finally {
      await context.close()
      await host.close()
    }
  })
})

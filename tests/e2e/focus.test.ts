// The attention engine end to end in a real Chromium: focus on, an urgent
// message breaks through at once, a non-urgent one waits, and "Check in
// now" delivers it.
import { describe, expect, it } from 'vitest'
import { hasChromium, useChromium } from '../support/chromium'
import { clearCheckIns } from './settings-steps'
import { slackMessage, startTestWebHost } from './web-host'

describe.skipIf(!hasChromium)('focus in the browser', () => {
  const browser = useChromium()

  it('lets an urgent message through during focus, holds the rest until check in now', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    try {
      const page = await browser().newPage()
      await page.goto(host.url)
      await expect.poll(() => page.getByRole('note').textContent()).toContain('Sample workspace')

      // No scheduled check-ins or blocks, so only this test's actions decide what happens.
      await page.getByRole('button', { name: 'Settings', exact: true }).click()
      await clearCheckIns(page)
      await page.getByRole('textbox', { name: 'Deep-work blocks' }).fill('')
      await page.getByRole('button', { name: 'Save settings' }).click()
      await expect.poll(() => page.getByRole('status').textContent()).toContain('Saved.')

      await page.getByRole('button', { name: 'Now', exact: true }).click()
      await page.getByRole('button', { name: 'Focus 25 min' }).click()
      await expect.poll(() => page.getByTestId('focus-state').textContent()).toMatch(/^Focus until \d\d:\d\d/)
      await expect.poll(() => host.ports.trayStates.at(-1)?.icon).toBe('focus')

      const urgent = host.workspace.inject(
        slackMessage({
          channel: '#incidents',
          thread: 'incident-1',
          author: 'Dana Whitfield',
          text: 'Checkout is down in eu-west',
          needsReply: true,
        }),
      )
      const calm = host.workspace.inject(
        slackMessage({ channel: '#general', thread: 'lunch', author: 'Priya Raman', text: 'Lunch at noon?' }),
      )

      await expect
        .poll(() => host.ports.notifications.filter((n) => n.kind === 'breakthrough').length)
        .toBe(1)
      const notice = host.ports.notifications.find((n) => n.kind === 'breakthrough')
      expect(notice?.target).toEqual({ view: 'item', itemId: urgent.id })
      expect(notice?.body).toContain('Checkout is down')
      // Every breakthrough says which rule let it through: the notification, the row and the item view.
      expect(notice?.body).toMatch(/Broke through: Slack channel #incidents$/)
      const urgentRow = page.locator(`[data-item-id="${urgent.id}"]`)
      await expect.poll(() => urgentRow.count()).toBe(1)
      expect(await urgentRow.textContent()).toContain('Slack channel #incidents')

      // A reply in the same incident thread is delivered too, without a second notification.
      const reply = host.workspace.inject(
        slackMessage({
          channel: '#incidents',
          thread: 'incident-1',
          author: 'Tomás Ortega',
          text: 'Rolling back the deploy now',
        }),
      )
      await expect.poll(() => page.locator(`[data-item-id="${reply.id}"]`).count()).toBe(1)
      expect(host.ports.notifications.filter((n) => n.kind === 'breakthrough')).toHaveLength(1)

      // Clicking the notification opens the item with its conversation.
      host.hub.emit('notification:clicked', { target: { view: 'item', itemId: urgent.id } })
      await expect.poll(() => page.getByTestId('item-thread').textContent()).toContain('Rolling back')
      expect(await page.locator('main').textContent()).toContain('Slack channel #incidents')
      await page.getByRole('button', { name: 'Now', exact: true }).click()

      await expect.poll(async () => Number(await page.getByTestId('waiting-count').textContent())).toBe(1)
      expect(await page.locator(`[data-item-id="${calm.id}"]`).count()).toBe(0)
      expect(host.ports.notifications).toHaveLength(1)
      // The tray follows once the engine's wake after that pull has run. It
      // names the day when focus ends after midnight ("Tue 00:05").
      await expect
        .poll(() => host.ports.trayStates.at(-1)?.tooltip)
        .toMatch(/Focus until (\w{3} )?\d\d:\d\d · 1 waiting/)

      await page.screenshot({ path: 'test-results/focus-now.png' })
      await page.getByRole('button', { name: 'Check in now (1)' }).click()
      await expect
        .poll(() => page.locator(`[data-item-id="${calm.id}"]`).getAttribute('data-status'))
        .toBe('delivered')
      expect(await page.getByTestId('digest-title').textContent()).toContain('Check-in: 1 new — Slack 1')
      await page.screenshot({ path: 'test-results/focus-check-in.png' })

      await page.getByRole('button', { name: 'Now', exact: true }).click()
      await page.getByRole('button', { name: 'End focus' }).click()
      await expect.poll(() => page.getByTestId('focus-state').textContent()).toBe('Not focusing')

      // The rule removed, the breakthrough still says the rule it was let through by.
      await page.getByRole('button', { name: 'Rules', exact: true }).click()
      await page.getByRole('button', { name: 'Remove Slack channel #incidents' }).click()
      await expect.poll(() => page.locator('.rule-head > strong').count()).toBe(0)
      await page.getByRole('button', { name: 'Now', exact: true }).click()
      await expect.poll(() => urgentRow.textContent()).toContain('Slack channel #incidents')
    } finally {
      await host.close()
    }
  })
})

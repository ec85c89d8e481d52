// A calendar added in the Accounts view, in a real Chromium over browser
// mode: its address served on 127.0.0.1, its meeting moving the next
// check-in to the meeting's end, said on Now with the meeting's name and
// drawn on the Focus week; the Settings switch for meetings turning that
// off and on; and a calendar that stops counting stops moving it.
import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium, useChromium } from '../support/chromium'
import { startTestWebHost } from './web-host'

// Wednesday 11 March 2026, London (GMT): a design review over the 13:00 check-in.
const calendar = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Google Inc//Google Calendar 70.9054//EN',
  'BEGIN:VEVENT',
  'UID:design-review@example.com',
  'DTSTAMP:20260301T000000Z',
  'DTSTART:20260311T123000Z',
  'DTEND:20260311T143000Z',
  'SUMMARY:Design review',
  'TRANSP:OPAQUE',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n')

let server: Server
let address = ''

beforeAll(async () => {
  server = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/calendar', etag: '"one"' })
    response.end(calendar)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const bound = server.address()
  address = `http://127.0.0.1:${typeof bound === 'object' && bound ? bound.port : 0}/basic.ics`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

describe.skipIf(!hasChromium)('calendars', () => {
  const browser = useChromium()

  it('adds a calendar by address; its meeting moves the next check-in, and Now says after what', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    const context = await browser().newContext({ timezoneId: 'Europe/London' })
    try {
      const page = await context.newPage()
      await page.clock.install({ time: new Date('2026-03-11T12:00:00Z') })
      await page.goto(host.url)
      const setup = page.getByRole('form', { name: 'Set up Lull in a minute' })
      await expect.poll(() => setup.isVisible()).toBe(true)
      await setup.getByRole('button', { name: /Skip/ }).click()
      await expect.poll(() => page.getByTestId('next-check-in').textContent()).toBe('Next check-in 13:00')

      await page.getByRole('button', { name: 'Accounts', exact: true }).click()
      const form = page.getByRole('form', { name: 'Add a calendar' })
      await form.getByLabel('Calendar address', { exact: true }).fill(address)
      await form.getByRole('button', { name: 'Add calendar' }).click()
      const counts = page.getByRole('switch', { name: `${new URL(address).host} counts` })
      await expect.poll(() => counts.isChecked()).toBe(true)

      await page.getByRole('button', { name: 'Now', exact: true }).click()
      await expect
        .poll(() => page.getByTestId('next-check-in').textContent())
        .toBe('Next check-in 14:30, after Design review')
      expect(await page.getByTestId('timeline-caption').textContent()).toContain(
        '14:30 (moved from 13:00 to after Design review), 16:30; calendar Design review 12:30–14:30',
      )

      await page.getByRole('button', { name: 'Focus', exact: true }).click()
      const onWeek = page.locator('.week-day-column[data-day=wed] [data-testid=week-event]')
      await expect.poll(() => onWeek.getAttribute('title')).toBe('Design review')

      // Settings: the meeting switch off, and the check-in stays at 13:00; a bad number is said and nothing saved.
      await page.getByRole('button', { name: 'Settings', exact: true }).click()
      const settings = page.getByRole('form', { name: 'Settings' })
      const meetings = settings.getByRole('switch', { name: /No check-in inside a meeting/ })
      await expect.poll(() => meetings.isChecked()).toBe(true)
      await meetings.click()
      await settings.getByLabel(/Check in before my first meeting/).fill('soon')
      await settings.getByRole('button', { name: 'Save settings' }).click()
      await expect.poll(() => settings.getByText(/'soon' isn't a number of minutes/).count()).toBe(1)
      await settings.getByLabel(/Check in before my first meeting/).fill('')
      await settings.getByRole('button', { name: 'Save settings' }).click()
      await expect.poll(() => settings.getByRole('status').textContent()).toContain('Saved.')
      await page.getByRole('button', { name: 'Now', exact: true }).click()
      await expect.poll(() => page.getByTestId('next-check-in').textContent()).toBe('Next check-in 13:00')
      await page.getByRole('button', { name: 'Settings', exact: true }).click()
      await page
        .getByRole('form', { name: 'Settings' })
        .getByRole('switch', { name: /No check-in inside a meeting/ })
        .click()
      await page
        .getByRole('form', { name: 'Settings' })
        .getByRole('button', { name: 'Save settings' })
        .click()
      await page.getByRole('button', { name: 'Now', exact: true }).click()
      await expect
        .poll(() => page.getByTestId('next-check-in').textContent())
        .toBe('Next check-in 14:30, after Design review')

      await page.getByRole('button', { name: 'Accounts', exact: true }).click()
      await counts.click()
      await page.getByRole('button', { name: 'Now', exact: true }).click()
      await expect.poll(() => page.getByTestId('next-check-in').textContent()).toBe('Next check-in 13:00')
    } finally {
      await context.close()
      await host.close()
    }
  })

  it('marks an urgent rule "even on leave" in the Rules view, and keeps it', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    try {
      const page = await browser().newPage()
      await page.goto(host.url)
      await page.getByRole('button', { name: 'Rules', exact: true }).click()
      const rule = page.locator('[data-rule-id=rule-incidents]')
      const evenOnLeave = rule.getByRole('switch', { name: /^Even on leave/ })
      await expect.poll(() => evenOnLeave.isChecked()).toBe(false)
      await evenOnLeave.click()
      await expect.poll(() => evenOnLeave.isChecked()).toBe(true)
      await page.getByRole('button', { name: 'Now', exact: true }).click()
      await page.getByRole('button', { name: 'Rules', exact: true }).click()
      await expect.poll(() => rule.getByRole('switch', { name: /^Even on leave/ }).isChecked()).toBe(true)
    } finally {
      await host.close()
    }
  })
})

// `npm run dev` serves the renderer from Vite's dev server, with hot reload.
// Electron cannot run here, so this loads that same dev page in Chromium,
// under the page's own Content-Security-Policy, and checks React renders
// with no script refused: a CSP that blocked fast refresh would leave the
// app window blank.
import { createServer as createNetServer } from 'node:net'
import type { Browser } from 'playwright-core'
import { createServer, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rendererConfig } from '../../electron.vite.config'
import { contentSecurityPolicy } from '../../src/shared/csp'
import { hasChromium, launchChromium } from '../support/chromium'

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()))
    })
  })
}

describe.skipIf(!hasChromium)('the dev server page', () => {
  let browser: Browser
  let server: ViteDevServer
  beforeAll(async () => {
    const port = await freePort()
    server = await createServer({
      ...rendererConfig,
      // As in the app window, where main puts the policy on every response of the dev server.
      plugins: [
        ...rendererConfig.plugins,
        {
          name: 'csp-header-as-in-electron',
          configureServer(dev) {
            dev.middlewares.use((_request, response, next) => {
              response.setHeader('Content-Security-Policy', contentSecurityPolicy)
              next()
            })
          },
        },
      ],
      configFile: false,
      logLevel: 'silent',
      server: { host: '127.0.0.1', port, strictPort: true },
    })
    await server.listen()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('renders under the strict CSP with fast refresh on and nothing refused', async () => {
    const page = await browser.newPage()
    const problems: string[] = []
    page.on('console', (message) => {
      const text = message.text()
      if (/Content Security Policy|preamble|Refused/i.test(text)) problems.push(text)
    })
    page.on('pageerror', (error) => problems.push(error.message))
    const url = server.resolvedUrls?.local[0]
    expect(url).toBeDefined()
    await page.goto(url ?? '')
    // No host behind this page (no Electron, no bridge token): React's startup screen says so.
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('npm run web')
    expect(await page.evaluate(() => '__REACT_DEVTOOLS_GLOBAL_HOOK__' in globalThis)).toBe(true)
    expect(problems).toEqual([])
  })
})

// Every file main loads exists where main will look for it in the build
// output, on every platform, and the built page loads only its own scripts.
// Runs after `npm run build` (npm test builds first).
import { existsSync, readFileSync, statSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveAppFile } from '../../src/main/app-protocol'
import { appPageUrl, appPaths, retinaVariant, trayIcons } from '../../src/main/paths'

const appRoot = resolve('.')
const platforms = ['linux', 'darwin', 'win32']
const buildHint = 'is missing: run npm run build first (npm test builds before vitest)'

function expectFile(path: string): void {
  expect(existsSync(path), `${relative(appRoot, path)} ${buildHint}`).toBe(true)
}

/** The file lull://app serves for a URL, resolved the way main's protocol handler resolves it. */
function servedFile(url: string): string {
  const resolved = resolveAppFile(appPaths(appRoot, process.platform).rendererRoot, url)
  expect(resolved, `lull://app refuses ${url}`).toMatchObject({ kind: 'file' })
  return resolved.kind === 'file' ? resolved.path : ''
}

describe('build output', () => {
  it('has the preload and the renderer page where main loads them', () => {
    const paths = appPaths(appRoot, process.platform)
    expectFile(paths.preload)
    expectFile(paths.rendererHtml)
    expect(paths.preload.endsWith('.cjs')).toBe(true)
  })

  it('has the folder lull://app serves, and the page the window loads from it', () => {
    const paths = appPaths(appRoot, process.platform)
    expectFile(paths.rendererRoot)
    expect(statSync(paths.rendererRoot).isDirectory()).toBe(true)
    expect(servedFile(appPageUrl)).toBe(paths.rendererHtml)
    expectFile(servedFile(appPageUrl))
  })

  it('has the app icon', () => {
    expectFile(appPaths(appRoot, process.platform).appIcon)
  })

  it.each(platforms)('has every tray icon main loads on %s, with its @2x sibling', (platform) => {
    const paths = appPaths(appRoot, platform)
    for (const icon of trayIcons) {
      expectFile(paths.trayIcons[icon])
      expectFile(retinaVariant(paths.trayIcons[icon]))
    }
  })

  it('uses template tray images on macOS only', () => {
    expect(appPaths(appRoot, 'darwin').trayIcons.focus).toMatch(/focusTemplate\.png$/)
    expect(appPaths(appRoot, 'linux').trayIcons.focus).toMatch(/focus\.png$/)
  })

  it('builds a page that loads only its own scripts and styles, by relative path, served by lull://app, with no inline script', () => {
    const html = appPaths(appRoot, process.platform).rendererHtml
    expectFile(html)
    const page = readFileSync(html, 'utf8')
    const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    expect(scripts.length).toBeGreaterThan(0)
    const references: string[] = []
    for (const [, attributes = '', body = ''] of scripts) {
      const src = /\bsrc\s*=\s*["']([^"']+)["']/i.exec(attributes)?.[1]
      expect(src, 'an inline script would be blocked by the page policy').toBeDefined()
      expect(body.trim()).toBe('')
      if (src) references.push(src)
    }
    for (const [, href = ''] of page.matchAll(/<link\b[^>]*\bhref\s*=\s*["']([^"']+)["']/gi))
      references.push(href)
    for (const reference of references) {
      expect(reference, `${reference} must be a relative path inside the build`).not.toMatch(
        /^([a-z][a-z0-9+.-]*:|\/\/|\/)/i,
      )
      expectFile(servedFile(new URL(reference, appPageUrl).href))
    }
  })
})

// Where the files main loads live, computed from the app root
// (`app.getAppPath()`: the project folder under `electron-vite dev` and
// `preview`, the asar root when packaged). electron-vite builds into `out/`
// and does not copy `resources/`, so images are read from `resources/` at the
// app root; a package must ship that folder next to `out/` (asar reads work,
// nativeImage understands asar paths). The build-output test checks these
// exact paths, so main and the test cannot disagree.
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { TrayState } from '../shared/model'

export type TrayIcon = TrayState['icon']
export const trayIcons: readonly TrayIcon[] = ['open', 'focus', 'check-in-due']

export type AppPaths = {
  preload: string
  rendererHtml: string
  appIcon: string
  /** The base image per tray state for this platform; Electron loads the `@2x` sibling by itself. */
  trayIcons: Record<TrayIcon, string>
  /** Whether the tray images are macOS template images (black and alpha, tinted by the menu bar). */
  isTrayTemplate: boolean
}

export function appPaths(appRoot: string, platform: string): AppPaths {
  const isTrayTemplate = platform === 'darwin'
  const suffix = isTrayTemplate ? 'Template' : ''
  const trayFile = (icon: TrayIcon) => join(appRoot, 'resources', 'tray', `${icon}${suffix}.png`)
  return {
    preload: join(appRoot, 'out', 'preload', 'index.cjs'),
    rendererHtml: join(appRoot, 'out', 'renderer', 'index.html'),
    appIcon: join(appRoot, 'resources', 'icon.png'),
    trayIcons: { open: trayFile('open'), focus: trayFile('focus'), 'check-in-due': trayFile('check-in-due') },
    isTrayTemplate,
  }
}

/** The high-density sibling Electron looks for next to a base image: `open.png` → `open@2x.png`. */
export function retinaVariant(imagePath: string): string {
  return imagePath.replace(/\.png$/, '@2x.png')
}

/** Where the window's page comes from: the built file, or the dev server under `electron-vite dev`. */
export type RendererLocation = { kind: 'file'; htmlPath: string } | { kind: 'dev-server'; url: string }

export function rendererLocation(
  paths: Pick<AppPaths, 'rendererHtml'>,
  env: { isPackaged: boolean; devServerUrl: string | undefined },
): RendererLocation {
  // A packaged app never trusts the environment to point it at a server.
  if (!env.isPackaged && env.devServerUrl) return { kind: 'dev-server', url: env.devServerUrl }
  return { kind: 'file', htmlPath: paths.rendererHtml }
}

export function rendererUrl(location: RendererLocation): string {
  return location.kind === 'file' ? pathToFileURL(location.htmlPath).href : location.url
}

/**
 * Whether a URL is the app's own page: the built index.html itself (any hash
 * or query), or any page of the dev server's origin. Everything else is
 * foreign: not navigable, not a trusted IPC sender.
 */
export function isAppPageUrl(url: string, location: RendererLocation): boolean {
  const parsed = parseUrl(url)
  if (parsed === null) return false
  if (location.kind === 'dev-server') return isDevServerOrigin(parsed, location.url)
  if (parsed.protocol !== 'file:' || parsed.host !== '') return false
  try {
    return fileURLToPath(parsed) === fileURLToPath(pathToFileURL(location.htmlPath))
  } catch {
    return false
  }
}

/** Whether a response belongs to the app's pages, so it gets the app's content security policy. */
export function isAppResourceUrl(url: string, location: RendererLocation): boolean {
  const parsed = parseUrl(url)
  if (parsed === null) return false
  if (location.kind === 'dev-server') return isDevServerOrigin(parsed, location.url)
  const folder = pathToFileURL(join(location.htmlPath, '..')).href
  return parsed.protocol === 'file:' && parsed.href.startsWith(`${folder}/`)
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}

function isDevServerOrigin(parsed: URL, devServerUrl: string): boolean {
  return parsed.origin === new URL(devServerUrl).origin
}

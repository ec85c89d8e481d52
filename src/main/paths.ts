// Where the files main loads live, computed from the app root
// (`app.getAppPath()`: the project folder under `electron-vite dev` and
// `preview`, the asar root when packaged), and which URLs are the app's page.
// electron-vite builds into `out/` and does not copy `resources/`, so images
// are read from `resources/` at the app root; a package must ship that folder
// next to `out/` (asar reads work, nativeImage understands asar paths). The
// build-output test checks these exact paths, so main and the test cannot
// disagree.
import { join } from 'node:path'
import type { TrayState } from '../shared/model'

/**
 * The built renderer is served over Lull's own scheme, not `file://`: a
 * standard, secure scheme gives the page a real origin (IndexedDB works, and
 * `'self'` in the policy means only these files), while `file://` would open
 * every file on disk to the page.
 */
export const appScheme = 'lull'
export const appHost = 'app'
export const appPageUrl = `${appScheme}://${appHost}/index.html`

export type TrayIcon = TrayState['icon']
export const trayIcons: readonly TrayIcon[] = ['open', 'focus', 'check-in-due']

export type AppPaths = {
  preload: string
  /** The folder `lull://app/` serves, and nothing outside it. */
  rendererRoot: string
  /** The page `lull://app/index.html` resolves to inside rendererRoot. */
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
    rendererRoot: join(appRoot, 'out', 'renderer'),
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

/** Where the window's page comes from: the built files over Lull's own scheme, or the dev server under `electron-vite dev`. */
export type RendererLocation =
  | { kind: 'app-protocol'; root: string; pageUrl: string }
  | { kind: 'dev-server'; url: string }

export function rendererLocation(
  paths: Pick<AppPaths, 'rendererRoot'>,
  env: { isPackaged: boolean; devServerUrl: string | undefined },
): RendererLocation {
  // A packaged app never trusts the environment to point it at a server.
  if (!env.isPackaged && env.devServerUrl) return { kind: 'dev-server', url: env.devServerUrl }
  return { kind: 'app-protocol', root: paths.rendererRoot, pageUrl: appPageUrl }
}

export function rendererUrl(location: RendererLocation): string {
  return location.kind === 'app-protocol' ? location.pageUrl : location.url
}

/**
 * Whether a URL is the app's own page: `lull://app/index.html` (any hash or
 * query), or any page of the dev server's origin. Everything else is
 * foreign: not navigable, not a trusted IPC sender.
 */
export function isAppPageUrl(url: string, location: RendererLocation): boolean {
  const parsed = parseUrl(url)
  if (parsed === null) return false
  if (location.kind === 'dev-server') return isDevServerOrigin(parsed, location.url)
  return isAppOrigin(parsed) && parsed.pathname === new URL(location.pageUrl).pathname
}

/** Whether a response belongs to the app's pages, so it gets the app's content security policy. */
export function isAppResourceUrl(url: string, location: RendererLocation): boolean {
  const parsed = parseUrl(url)
  if (parsed === null) return false
  if (location.kind === 'dev-server') return isDevServerOrigin(parsed, location.url)
  return isAppOrigin(parsed)
}

/** `lull://app`, with no user, password or port smuggled in front of the host. */
function isAppOrigin(parsed: URL): boolean {
  return (
    parsed.protocol === `${appScheme}:` &&
    parsed.host === appHost &&
    parsed.username === '' &&
    parsed.password === ''
  )
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

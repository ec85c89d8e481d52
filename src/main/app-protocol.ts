// Serves the built renderer over `lull://app/`: a URL resolves to one file
// inside the renderer folder or is refused, and every answer carries the
// page's content security policy as a header.
import { readFile, stat } from 'node:fs/promises'
import { extname, isAbsolute, join, relative, sep } from 'node:path'
import type { CustomScheme, Protocol } from 'electron'
import { contentSecurityPolicy } from '../shared/csp'
import type { Log } from './log'
import { appHost, appScheme } from './paths'

/**
 * Standard and secure give the page a real origin (`lull://app`), so
 * IndexedDB, `'self'` in the policy and relative URLs work as on https;
 * no CORS and no CSP bypass, so no other origin can read these files.
 */
export const appSchemePrivileges: CustomScheme = {
  scheme: appScheme,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
}

export type ResolvedAppFile =
  | { kind: 'file'; path: string }
  | { kind: 'refused'; status: 400 | 403 | 404; reason: string }

const refused = (status: 400 | 403 | 404, reason: string): ResolvedAppFile => ({
  kind: 'refused',
  status,
  reason,
})

/**
 * Where a `lull://app/…` URL points inside `root`, or why it is refused.
 * Pure: it reads no disk. Each path segment is decoded on its own, and a
 * decoded segment may not be `.` or `..` or hold a slash, a backslash, a
 * colon (a Windows drive or stream) or NUL, so no spelling of a path
 * reaches outside `root`. Query and hash are ignored.
 */
export function resolveAppFile(root: string, url: string): ResolvedAppFile {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return refused(400, 'not a URL')
  }
  if (
    parsed.protocol !== `${appScheme}:` ||
    parsed.host !== appHost ||
    parsed.username !== '' ||
    parsed.password !== ''
  ) {
    return refused(403, 'not on the app origin')
  }
  const rawSegments = parsed.pathname === '/' ? ['index.html'] : parsed.pathname.slice(1).split('/')
  const segments: string[] = []
  for (const raw of rawSegments) {
    let segment: string
    try {
      segment = decodeURIComponent(raw)
    } catch {
      return refused(400, 'malformed percent escape')
    }
    if (segment === '') return refused(404, 'a folder, not a file')
    if (segment === '.' || segment === '..' || /[/\\:\0]/.test(segment)) {
      return refused(403, 'the path leaves the app folder')
    }
    segments.push(segment)
  }
  const path = join(root, ...segments)
  const inside = relative(root, path)
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    return refused(403, 'the path leaves the app folder')
  }
  return { kind: 'file', path }
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
}

export function contentTypeFor(path: string): string {
  return contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

function headers(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': contentSecurityPolicy,
    // A file is what its extension says, never what its bytes look like.
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  }
}

function refusal(status: number, message: string): Response {
  return new Response(message, { status, headers: headers('text/plain; charset=utf-8') })
}

const refusalMessages: Record<400 | 403 | 404, string> = {
  400: 'Lull could not read this address.',
  403: 'Lull serves only its own files.',
  404: 'Lull has no such file.',
}

/** The `protocol.handle` handler: reads the file a URL resolves to, or answers 400/403/404/405. */
export function createAppFileHandler(root: string, log: Log): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return refusal(405, "Lull's pages can only be read.")
    }
    const resolved = resolveAppFile(root, request.url)
    if (resolved.kind === 'refused') {
      if (resolved.status !== 404) {
        log.warn('protocol', `refused ${request.url.slice(0, 200)}: ${resolved.reason}`)
      }
      return refusal(resolved.status, refusalMessages[resolved.status])
    }
    let body: Buffer
    try {
      if (!(await stat(resolved.path)).isFile()) return refusal(404, refusalMessages[404])
      body = await readFile(resolved.path)
    } catch {
      return refusal(404, refusalMessages[404])
    }
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: headers(contentTypeFor(resolved.path)),
    })
  }
}

/** Call once the app is ready; the scheme must have been made privileged before that. */
export function serveAppFiles(protocol: Pick<Protocol, 'handle'>, root: string, log: Log): void {
  protocol.handle(appScheme, createAppFileHandler(root, log))
}

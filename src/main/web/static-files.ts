// Serves the built renderer from one folder, and nothing outside it.
import { readFile, stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { contentSecurityPolicy } from '../../shared/csp'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
}

export async function serveStatic(root: string, urlPath: string, response: ServerResponse): Promise<void> {
  const relative = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath)
  const target = normalize(join(root, relative))
  if (!target.startsWith(root + sep)) {
    response.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden')
    return
  }
  try {
    if (!(await stat(target)).isFile()) throw new Error('not a file')
    const body = await readFile(target)
    response.writeHead(200, {
      'content-type': contentTypes[extname(target)] ?? 'application/octet-stream',
      'content-security-policy': contentSecurityPolicy,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    })
    response.end(body)
  } catch {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found')
  }
}

// Serves the built renderer from one folder, and nothing outside it. Any
// path a browser can be made to send gets an answer; none can throw.
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

export type FileLookup = { file: string } | { status: 400 | 403; why: string }

/** Where a request path points inside `root`, or why it may not be served. */
export function locateFile(root: string, urlPath: string): FileLookup {
  let relative: string
  try {
    relative = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath)
  } catch {
    return { status: 400, why: 'the address has a broken percent escape (such as a lone %)' }
  }
  if (relative.includes('\0')) return { status: 400, why: 'the address contains a NUL character' }
  const file = normalize(join(root, relative))
  if (!file.startsWith(root + sep)) return { status: 403, why: 'the address points outside Lull’s files' }
  return { file }
}

/** A short plain-text answer that a browser will not sniff into anything else. */
export function answerText(response: ServerResponse, status: number, text: string): void {
  response
    .writeHead(status, {
      'content-type': 'text/plain; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    })
    .end(`${text}\n`)
}

export async function serveStatic(root: string, urlPath: string, response: ServerResponse): Promise<void> {
  const lookup = locateFile(root, urlPath)
  if (!('file' in lookup)) {
    answerText(response, lookup.status, `Lull cannot serve this address: ${lookup.why}.`)
    return
  }
  let body: Buffer
  try {
    if (!(await stat(lookup.file)).isFile()) throw new Error('not a file')
    body = await readFile(lookup.file)
  } catch {
    answerText(
      response,
      404,
      'Not found: Lull has no such file. Open the exact URL that `npm run web` printed.',
    )
    return
  }
  response.writeHead(200, {
    'content-type': contentTypes[extname(lookup.file)] ?? 'application/octet-stream',
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  })
  response.end(body)
}

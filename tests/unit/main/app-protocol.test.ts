// lull://app/ serves the built renderer and nothing else: every spelling of
// a path resolves inside the renderer folder or is refused, and every answer
// carries the page policy.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, sep } from 'node:path'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { appSchemePrivileges, createAppFileHandler, resolveAppFile } from '../../../src/main/app-protocol'
import { createLog } from '../../../src/main/log'
import { contentSecurityPolicy } from '../../../src/shared/csp'

const root = join('/opt', 'lull', 'out', 'renderer')

function resolvedPath(url: string): string {
  const resolved = resolveAppFile(root, url)
  if (resolved.kind !== 'file') throw new Error(`${url} was refused: ${resolved.reason}`)
  return resolved.path
}

function status(url: string): number | 'file' {
  const resolved = resolveAppFile(root, url)
  return resolved.kind === 'file' ? 'file' : resolved.status
}

describe('resolving a lull://app URL', () => {
  it('maps the root to index.html and a path to the file under the renderer folder', () => {
    expect(resolvedPath('lull://app/')).toBe(join(root, 'index.html'))
    expect(resolvedPath('lull://app/index.html')).toBe(join(root, 'index.html'))
    expect(resolvedPath('lull://app/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'))
  })

  it('ignores the query and the hash, even when they look like a path', () => {
    expect(resolvedPath('lull://app/index.html?view=../../etc#/../../secret')).toBe(join(root, 'index.html'))
  })

  it('decodes an escaped name inside a segment', () => {
    expect(resolvedPath('lull://app/assets/a%20b.css')).toBe(join(root, 'assets', 'a b.css'))
  })

  it('keeps a plain or escaped .. that the URL parser collapses inside the folder', () => {
    expect(resolvedPath('lull://app/../../etc/passwd')).toBe(join(root, 'etc', 'passwd'))
    expect(resolvedPath('lull://app/%2e%2e/%2E%2e/etc/passwd')).toBe(join(root, 'etc', 'passwd'))
  })

  it('refuses a .. with an escaped slash or backslash, and a Windows-style backslash', () => {
    expect(status('lull://app/..%2f..%2fetc%2fpasswd')).toBe(403)
    expect(status('lull://app/assets/..%5c..%5csecret.txt')).toBe(403)
    expect(status('lull://app/..\\..\\secret.txt')).toBe(403)
    expect(status('lull://app/assets\\index.js')).toBe(403)
  })

  it('refuses a drive letter, a stream name and NUL', () => {
    expect(status('lull://app/C:%5CWindows%5Cwin.ini')).toBe(403)
    expect(status('lull://app/index.html:secret')).toBe(403)
    expect(status('lull://app/index.html%00.png')).toBe(403)
  })

  it('answers 400 for a malformed percent escape instead of throwing', () => {
    expect(status('lull://app/%zz')).toBe(400)
    expect(status('lull://app/assets/%E0%A4%A')).toBe(400)
  })

  it('refuses another host, a user or port before the host, and another scheme', () => {
    expect(status('lull://evil/index.html')).toBe(403)
    expect(status('lull://me@app/index.html')).toBe(403)
    expect(status('lull://app:81/index.html')).toBe(403)
    expect(status('file:///opt/lull/out/renderer/index.html')).toBe(403)
  })

  it('answers a folder or an empty segment as not found', () => {
    expect(status('lull://app/assets/')).toBe(404)
    expect(status('lull://app//index.html')).toBe(404)
  })

  it('never resolves any spelling of a path outside the folder', () => {
    const piece = fc.constantFrom(
      '..',
      '.',
      '%2e',
      '%2E',
      '%2f',
      '%5c',
      '\\',
      '/',
      'a',
      'etc',
      '%',
      '%00',
      ':',
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const resolved = resolveAppFile(root, `lull://app/${pieces.join('')}`)
        if (resolved.kind === 'refused') return
        expect(resolved.path.startsWith(root + sep), resolved.path).toBe(true)
      }),
    )
  })

  it('asks for an origin of its own: a standard, secure scheme that fetch can reach', () => {
    expect(appSchemePrivileges).toEqual({
      scheme: 'lull',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    })
  })
})

describe('serving lull://app', () => {
  let folder = ''
  let served = ''
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'lull-protocol-'))
    served = join(folder, 'renderer')
    await mkdir(join(served, 'assets'), { recursive: true })
    await writeFile(join(served, 'index.html'), '<!doctype html><title>Lull</title>')
    await writeFile(join(served, 'assets', 'index.js'), 'export {}')
    await writeFile(join(served, 'assets', 'index.css'), 'body{}')
    await writeFile(join(folder, 'secret.txt'), 'not for the page')
  })
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true })
  })

  const get = (url: string, method = 'GET') =>
    createAppFileHandler(
      served,
      createLog(() => {}),
    )(new Request(url, { method }))

  it('serves the page with its content type and the strict policy as a header', async () => {
    const response = await get('lull://app/index.html')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await response.text()).toContain('<title>Lull</title>')
  })

  it('serves scripts and styles with their own content types', async () => {
    expect((await get('lull://app/assets/index.js')).headers.get('content-type')).toBe(
      'text/javascript; charset=utf-8',
    )
    expect((await get('lull://app/assets/index.css')).headers.get('content-type')).toBe(
      'text/css; charset=utf-8',
    )
  })

  it('answers 404 for a missing file and for a folder, still under the policy', async () => {
    const missing = await get('lull://app/assets/gone.js')
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-security-policy')).toBe(contentSecurityPolicy)
    expect((await get('lull://app/assets')).status).toBe(404)
  })

  it('answers 403 and never the file for a path that leaves the folder', async () => {
    for (const url of [
      'lull://app/..%2fsecret.txt',
      'lull://app/..%5csecret.txt',
      'lull://app/..\\secret.txt',
    ]) {
      const response = await get(url)
      expect(response.status, url).toBe(403)
      expect(await response.text()).not.toContain('not for the page')
    }
  })

  it('answers HEAD without a body and refuses writes', async () => {
    const head = await get('lull://app/index.html', 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
    expect((await get('lull://app/index.html', 'POST')).status).toBe(405)
  })
})

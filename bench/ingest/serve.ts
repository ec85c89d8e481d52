// Serves the built benchmark page on 127.0.0.1 (IndexedDB needs a real
// origin, not file://), with the same static server browser mode uses.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serveStatic } from '../../src/main/web/static-files'

export async function serveDirectory(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    void serveStatic(root, new URL(request.url ?? '/', 'http://127.0.0.1').pathname, response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  }
}

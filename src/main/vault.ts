// Secrets (tokens, passwords) live here and nowhere else: encrypted at rest,
// keyed by account id, never returned to the renderer and never logged.
// The Electron adapter (os/safe-storage.ts) supplies the cipher; tests and
// browser mode use the in-memory vault.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export type Credentials = { token?: string; host?: string; port?: number; user?: string; password?: string }

export interface Vault {
  /** How secrets are protected, for the UI: "basic_text" on Linux without a keyring is not real protection. */
  readonly backend: string
  readonly isEncrypted: boolean
  put(accountId: string, credentials: Credentials): Promise<void>
  get(accountId: string): Promise<Credentials | null>
  remove(accountId: string): Promise<boolean>
}

/** The two operations a file vault needs from Electron's safeStorage. */
export interface Cipher {
  readonly backend: string
  readonly isEncrypted: boolean
  encrypt(plain: string): Buffer
  decrypt(sealed: Buffer): string
}

export function createMemoryVault(): Vault {
  const secrets = new Map<string, Credentials>()
  return {
    backend: 'memory',
    isEncrypted: false,
    async put(accountId, credentials) {
      secrets.set(accountId, { ...credentials })
    },
    async get(accountId) {
      const found = secrets.get(accountId)
      return found ? { ...found } : null
    },
    async remove(accountId) {
      return secrets.delete(accountId)
    },
  }
}

const safeFileName = (accountId: string) => `${Buffer.from(accountId).toString('base64url')}.secret`

/** One encrypted file per account in `<userData>/vault`, written atomically. */
export function createFileVault(folder: string, cipher: Cipher): Vault {
  const pathFor = (accountId: string) => join(folder, safeFileName(accountId))
  return {
    backend: cipher.backend,
    isEncrypted: cipher.isEncrypted,
    async put(accountId, credentials) {
      await mkdir(folder, { recursive: true, mode: 0o700 })
      const target = pathFor(accountId)
      await writeFile(`${target}.tmp`, cipher.encrypt(JSON.stringify(credentials)), { mode: 0o600 })
      await rename(`${target}.tmp`, target)
    },
    async get(accountId) {
      let sealed: Buffer
      try {
        sealed = await readFile(pathFor(accountId))
      } catch {
        return null
      }
      return JSON.parse(cipher.decrypt(sealed)) as Credentials
    },
    async remove(accountId) {
      try {
        await rm(pathFor(accountId))
        return true
      } catch {
        return false
      }
    },
  }
}

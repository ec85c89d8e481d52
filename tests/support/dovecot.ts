// A real IMAP server for tests: Debian's Dovecot on 127.0.0.1, one fresh
// instance per call, its config, passwords, sockets, log and mail all in a
// temp folder that `stop()` removes. Messages are delivered by writing them
// straight into the Maildir (as a local delivery agent would), so a test of
// thousands of messages costs file writes, not SMTP round trips.
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import {
  chmod,
  chown,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  utimes,
  writeFile,
} from 'node:fs/promises'
import { connect as connectTcp, createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { ImapFlow } from 'imapflow'

const run = promisify(execFile)

export const dovecotBinary = '/usr/sbin/dovecot'
const doveadmBinary = '/usr/bin/doveadm'
/** A test that forgets `stop()` still leaves no server behind. */
const safetyMs = 10 * 60_000

export type DovecotUser = { name: string; password: string }

export type Dovecot = {
  host: '127.0.0.1'
  port: number
  /** The IMAPS (TLS from the start) port, when started with a certificate; STARTTLS is then offered on `port`. */
  tlsPort: number | null
  users: DovecotUser[]
  /** The temp folder everything lives in. */
  dir: string
  /** Put a message in a mailbox, as a delivery agent would; `at` sets its INTERNALDATE (epoch ms). */
  deliver(user: string, mailbox: string, rfc822: string | Buffer, at?: number): Promise<void>
  createMailbox(user: string, mailbox: string): Promise<void>
  deleteMailbox(user: string, mailbox: string): Promise<void>
  /** A new password for the user; Dovecot rereads its passwd-file when it changes. */
  setPassword(user: string, password: string): Promise<void>
  /** An admin connection straight to Dovecot (not through any proxy), logged in as the user. */
  connect(user: string): Promise<ImapFlow>
  /** End every IMAP session of the user (doveadm kick). */
  kick(user: string): Promise<void>
  log(): Promise<string>
  stop(): Promise<void>
}

/**
 * Whether Dovecot can run here. Outside CI a missing binary skips the tests
 * that need it, said aloud; in CI it is a failure, so a broken image cannot
 * pass by skipping.
 */
export function isDovecotAvailable(): boolean {
  if (existsSync(dovecotBinary)) return true
  const why = `${dovecotBinary} is missing: install Debian's dovecot-imapd to run the IMAP tests.`
  if (process.env.CI === 'true') throw new Error(why)
  console.warn(`Skipping the IMAP tests against Dovecot: ${why}`)
  return false
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** Who the mail and login processes run as: Dovecot refuses root for them. */
function unprivileged(): {
  mailUid: number
  mailGid: number
  loginUser: string
  internalUser: string
  internalGroup: string
} {
  if (process.getuid?.() === 0) {
    return {
      mailUid: 65534,
      mailGid: 65534,
      loginUser: 'dovenull',
      internalUser: 'dovecot',
      internalGroup: 'dovecot',
    }
  }
  // Not root: every process runs as this user, and its sockets belong to its own group.
  const me = userInfo()
  const group = execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim()
  return {
    mailUid: me.uid,
    mailGid: me.gid,
    loginUser: me.username,
    internalUser: me.username,
    internalGroup: group,
  }
}

function passwdFile(users: DovecotUser[]): string {
  return users
    .map((user) => `${user.name}:{PLAIN}${user.password}::::::`)
    .join('\n')
    .concat('\n')
}

/** Maildir++ keeps INBOX in the root and every other mailbox in a dot folder. */
function mailboxFolder(root: string, user: string, mailbox: string): string {
  const home = join(root, 'mail', user)
  return mailbox.toUpperCase() === 'INBOX' ? join(home, 'Maildir') : join(home, 'Maildir', `.${mailbox}`)
}

export async function startDovecot(
  options: {
    users?: DovecotUser[]
    idleCheckSeconds?: number
    /** PEM files of the server's certificate (its chain) and key: IMAPS on its own port, and STARTTLS. */
    tls?: { certFile: string; keyFile: string }
  } = {},
): Promise<Dovecot> {
  const users = options.users ?? [{ name: 'lull', password: 'lull-password' }]
  const dir = await mkdtemp(join(tmpdir(), 'lull-dovecot-'))
  // The login and mail processes run unprivileged and must reach their sockets and mail.
  await chmod(dir, 0o755)
  const who = unprivileged()
  const port = await freePort()
  const tlsPort = options.tls ? await freePort() : null
  const config = join(dir, 'dovecot.conf')
  const passwd = join(dir, 'passwd')
  await writeFile(passwd, passwdFile(users))
  await chmod(passwd, 0o644)
  for (const user of users) {
    const maildir = mailboxFolder(dir, user.name, 'INBOX')
    for (const sub of ['cur', 'new', 'tmp']) await mkdir(join(maildir, sub), { recursive: true })
    await chownTree(join(dir, 'mail'), who.mailUid, who.mailGid)
  }
  await writeFile(
    config,
    [
      `base_dir = ${join(dir, 'run')}`,
      `state_dir = ${join(dir, 'state')}`,
      `instance_name = lull-${port}`,
      'protocols = imap',
      'listen = 127.0.0.1',
      ...(options.tls
        ? ['ssl = yes', `ssl_cert = <${options.tls.certFile}`, `ssl_key = <${options.tls.keyFile}`]
        : ['ssl = no']),
      'disable_plaintext_auth = no',
      'auth_mechanisms = plain login',
      // A refused sign-in answers at once, and repeated ones are not penalised: tests refuse on purpose.
      'auth_failure_delay = 0 secs',
      'login_trusted_networks = 127.0.0.0/8',
      `log_path = ${join(dir, 'dovecot.log')}`,
      `info_log_path = ${join(dir, 'dovecot.log')}`,
      `default_login_user = ${who.loginUser}`,
      `default_internal_user = ${who.internalUser}`,
      `default_internal_group = ${who.internalGroup}`,
      `mail_location = maildir:${join(dir, 'mail', '%u', 'Maildir')}`,
      'first_valid_uid = 1',
      'first_valid_gid = 1',
      'mail_fsync = never',
      // inotify tells IDLE of new mail at once; this is only the fallback.
      `mailbox_idle_check_interval = ${options.idleCheckSeconds ?? 1} secs`,
      'passdb {',
      '  driver = passwd-file',
      `  args = scheme=PLAIN username_format=%u ${passwd}`,
      '}',
      'userdb {',
      '  driver = static',
      `  args = uid=${who.mailUid} gid=${who.mailGid} home=${join(dir, 'mail', '%u')}`,
      '}',
      'service imap-login {',
      '  inet_listener imap {',
      '    address = 127.0.0.1',
      `    port = ${port}`,
      '  }',
      '  inet_listener imaps {',
      ...(tlsPort ? ['    address = 127.0.0.1', `    port = ${tlsPort}`, '    ssl = yes'] : ['    port = 0']),
      '  }',
      '}',
      // Only root may chroot; as another user the login and anvil processes run unconfined.
      ...(process.getuid?.() === 0
        ? []
        : ['service imap-login {', '  chroot =', '}', 'service anvil {', '  chroot =', '}']),
      'service pop3-login {',
      '  inet_listener pop3 {',
      '    port = 0',
      '  }',
      '}',
      'service anvil {',
      '  unix_listener anvil-auth-penalty {',
      '    mode = 0',
      '  }',
      '}',
      'protocol imap {',
      '  mail_max_userip_connections = 1000',
      '}',
      'namespace inbox {',
      '  inbox = yes',
      '  separator = /',
      '  mailbox Archive {',
      '    special_use = \\Archive',
      '  }',
      '}',
      '',
    ].join('\n'),
  )
  await mkdir(join(dir, 'state'), { recursive: true })

  const child: ChildProcess = spawn(dovecotBinary, ['-F', '-c', config], { stdio: 'ignore' })
  let exited = false
  child.once('exit', () => {
    exited = true
  })
  // If this process dies without stopping it, a watcher ends Dovecot too.
  const watcher = spawn(
    'sh',
    [
      '-c',
      `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${child.pid} 2>/dev/null; do sleep 2; done; kill ${child.pid} 2>/dev/null`,
    ],
    { stdio: 'ignore', detached: true },
  )
  watcher.unref()
  const killOnExit = () => {
    if (!exited) child.kill('SIGKILL')
  }
  process.once('exit', killOnExit)

  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    clearTimeout(safety)
    process.removeListener('exit', killOnExit)
    if (!exited) {
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.kill('SIGKILL')
      const late = setTimeout(() => child.kill('SIGKILL'), 3_000)
      await gone
      clearTimeout(late)
    }
    watcher.kill()
    await rm(dir, { recursive: true, force: true, maxRetries: 3 })
  }
  const safety = setTimeout(() => void stop(), safetyMs)
  safety.unref()

  try {
    await waitForPort(port, () => exited, dir)
  } catch (error) {
    await stop()
    throw error
  }

  let sequence = 0
  let passwdStamp = Math.ceil(Date.now() / 1000)
  const dovecot: Dovecot = {
    host: '127.0.0.1',
    port,
    tlsPort,
    users,
    dir,
    async deliver(user, mailbox, rfc822, at) {
      const folder = mailboxFolder(dir, user, mailbox)
      const body = typeof rfc822 === 'string' ? Buffer.from(rfc822.replace(/\r?\n/g, '\r\n')) : rfc822
      // Dovecot numbers new files in the order of their names: seconds, then the M part.
      sequence++
      const name = `${Math.floor(Date.now() / 1000)}.M${sequence}P${process.pid}Q${randomBytes(4).toString('hex')}.lull,S=${body.length}`
      const temp = join(folder, 'tmp', name)
      const final = join(folder, 'new', name)
      await writeFile(temp, body)
      await chown(temp, who.mailUid, who.mailGid)
      if (at !== undefined) await utimes(temp, at / 1000, at / 1000)
      await rename(temp, final)
    },
    async createMailbox(user, mailbox) {
      const client = await dovecot.connect(user)
      try {
        await client.mailboxCreate(mailbox)
      } finally {
        await client.logout().catch(() => client.close())
      }
    },
    async deleteMailbox(user, mailbox) {
      const client = await dovecot.connect(user)
      try {
        await client.mailboxDelete(mailbox)
      } finally {
        await client.logout().catch(() => client.close())
      }
    },
    async setPassword(user, password) {
      const known = users.find((candidate) => candidate.name === user)
      if (!known) throw new Error(`Dovecot has no user ${user}`)
      known.password = password
      await writeFile(passwd, passwdFile(users))
      // Dovecot rereads a passwd-file whose mtime moved, but looks at it at most
      // once a second: a fresh mtime, then past the next second, and it reads the new one.
      passwdStamp = Math.max(passwdStamp + 2, Math.ceil(Date.now() / 1000) + 2)
      await utimes(passwd, passwdStamp, passwdStamp)
      await new Promise((resolve) => setTimeout(resolve, 1_050 - (Date.now() % 1_000)))
    },
    async connect(user) {
      const known = users.find((candidate) => candidate.name === user)
      if (!known) throw new Error(`Dovecot has no user ${user}`)
      const client = new ImapFlow({
        host: '127.0.0.1',
        port,
        secure: false,
        doSTARTTLS: false,
        auth: { user, pass: known.password },
        logger: false,
      })
      await client.connect()
      return client
    },
    async kick(user) {
      await run(doveadmBinary, ['-c', config, 'kick', user])
    },
    async log() {
      return readFile(join(dir, 'dovecot.log'), 'utf8').catch(() => '')
    },
    stop,
  }
  return dovecot
}

async function chownTree(path: string, uid: number, gid: number): Promise<void> {
  await chown(path, uid, gid)
  for (const entry of await readdir(path, { withFileTypes: true })) {
    const inner = join(path, entry.name)
    if (entry.isDirectory()) await chownTree(inner, uid, gid)
    else await chown(inner, uid, gid)
  }
}

/** Dovecot is up once its IMAP port answers; a Dovecot that exited says why from its log. */
async function waitForPort(port: number, hasExited: () => boolean, dir: string): Promise<void> {
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    if (hasExited()) break
    const isOpen = await new Promise<boolean>((resolve) => {
      const socket = connectTcp(port, '127.0.0.1')
      socket.once('data', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
      // A port that accepts but never greets (a login process that cannot start) is not up either.
      socket.setTimeout(500, () => {
        socket.destroy()
        resolve(false)
      })
    })
    if (isOpen) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  const log = await readFile(join(dir, 'dovecot.log'), 'utf8').catch(() => '(no log)')
  throw new Error(`Dovecot did not start on 127.0.0.1:${port}. Its log:\n${log}`)
}

import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envName, nearestName, resolveConfig, serverOptions, whole, type ConfigSpec } from './config.js';

const SPEC = {
  node: { type: 'string', check: (value) => (/^\d{6}$/.test(value) ? undefined : 'a 6-digit region code') },
  ...serverOptions({ portAliases: ['PORT'] }),
  'node-timeout': { type: 'string', check: whole(50, 'milliseconds'), aliases: ['HUB_NODE_TIMEOUT_MS'] },
  'database-url': { type: 'string', secret: true, aliases: ['DATABASE_URL'] },
  migrate: { type: 'boolean' },
  'trust-proxy': { type: 'string', multiple: true },
  'metrics-token-file': { type: 'string', file: true },
  'tls-key': { type: 'string', file: true },
} as const satisfies ConfigSpec;

/** resolveConfig over in-memory files: `files` by path, anything else unreadable. */
function resolve(argv: string[], env: Record<string, string> = {}, files: Record<string, string> = {}) {
  const read = (path: string) => {
    const text = files[path];
    if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return text;
  };
  return resolveConfig(SPEC, { argv, env, readText: read, checkReadable: read });
}

describe('the configuration of the servers', () => {
  it('names the environment variable of a flag HUB_ and the flag in upper snake case', () => {
    expect(envName('database-url')).toBe('HUB_DATABASE_URL');
    expect(envName('node-timeout')).toBe('HUB_NODE_TIMEOUT');
  });

  it('takes the command line over the environment, and the environment over the config file', () => {
    const files = { 'hub.json': JSON.stringify({ node: '350200', port: 4102, host: '10.0.0.5', 'node-timeout': 500 }) };
    const { values, problems, sources } = resolve(['--config', 'hub.json', '--port', '4200'], { HUB_PORT: '4300', HUB_HOST: '10.0.0.6' }, files);
    expect(problems).toEqual([]);
    expect(values).toMatchObject({ node: '350200', port: '4200', host: '10.0.0.6', 'node-timeout': '500' });
    expect(sources).toMatchObject({ node: 'hub.json › node', port: '--port', host: 'HUB_HOST' });
  });

  it('honours the old variable names as aliases, the HUB_ name winning when both are set', () => {
    expect(resolve([], { PORT: '4001', HOST: '0.0.0.0', HUB_NODE_TIMEOUT_MS: '700', LOG_LEVEL: 'debug', HUB_DRAIN_TIMEOUT_MS: '0' }).values).toMatchObject({
      port: '4001',
      host: '0.0.0.0',
      'node-timeout': '700',
      'log-level': 'debug',
      'drain-timeout': '0',
    });
    expect(resolve([], { PORT: '4001', HUB_PORT: '4002' }).values.port).toBe('4002');
  });

  it('treats an empty environment variable as unset', () => {
    expect(resolve([], { DATABASE_URL: '', HUB_MIGRATE: '' }, {}).values).toEqual({});
  });

  it('reads a switch as 1 or 0 from the environment and true or false from the file, and lists from either', () => {
    expect(resolve([], { HUB_MIGRATE: '1', HUB_TRUST_PROXY: '10.0.0.1, 10.0.0.2' }).values).toMatchObject({ migrate: true, 'trust-proxy': ['10.0.0.1', '10.0.0.2'] });
    const files = { 'hub.json': JSON.stringify({ migrate: false, 'trust-proxy': ['10.0.0.3'] }) };
    expect(resolve(['--config', 'hub.json'], {}, files).values).toMatchObject({ migrate: false, 'trust-proxy': ['10.0.0.3'] });
  });

  it('lists every problem of every source at once, each naming its source, its value and the reason', () => {
    const files = { 'hub.json': JSON.stringify({ port: 'eighty', 'node-timout': 100, host: ['a'], migrate: 'yes' }) };
    const { problems } = resolve(['--config', 'hub.json', '--node', '35020', '--prot', '1', '--drain-timeout'], { HUB_NODE_TIMEOUT: '10', HUB_MIGRATE: '2', HUB_LOG_LEVEL: 'loud' }, files);
    expect(problems).toEqual(
      expect.arrayContaining([
        '--prot: not an option of this command (did you mean --port?)',
        '--drain-timeout: needs a value',
        'hub.json › node-timout: not an option of this command (did you mean "node-timeout"?)',
        'hub.json › host: wrong type, a string or number, not an array',
        'hub.json › migrate: wrong type, true or false, not "yes"',
        '--node: a 6-digit region code, not "35020"',
        'hub.json › port: a port number, at least 0, not "eighty"',
        'HUB_NODE_TIMEOUT: milliseconds, at least 50, not "10"',
        'HUB_MIGRATE: 1 to switch on, 0 or unset not to, not "2"',
        expect.stringMatching(/^HUB_LOG_LEVEL: one of .*, not "loud"$/),
      ]),
    );
    expect(problems).toHaveLength(10);
  });

  it('says when the config file cannot be read, is not JSON or is not an object', () => {
    expect(resolve(['--config', 'missing.json']).problems).toEqual(['--config missing.json: cannot be read (ENOENT)']);
    expect(resolve([], { HUB_CONFIG: 'bad.json' }, { 'bad.json': '{"port": ' }).problems).toEqual([expect.stringMatching(/^HUB_CONFIG bad\.json: not JSON \(/)]);
    expect(resolve(['--config', 'list.json'], {}, { 'list.json': '[]' }).problems).toEqual([
      '--config list.json: a JSON object of options by their flag names, not an array',
    ]);
  });

  it('suggests the nearest known name for a misspelt one', () => {
    expect(nearestName('databse-url', ['database-url', 'drain-timeout'])).toBe('database-url');
    expect(nearestName('DATABASE_URL', ['database-url'])).toBe('database-url');
    expect(nearestName('colour', ['database-url', 'drain-timeout'])).toBeUndefined();
  });

  it('refuses a secret written in the config file, pointing to its -file option, without echoing it', () => {
    const files = {
      'hub.json': JSON.stringify({
        'metrics-token': 'S3cr3t-token-value-0123456789abcdef',
        'tls-key': '-----BEGIN PRIVATE KEY-----\nMIIE…',
        'database-url': 'postgres://hub:pa55word@db.example/hub',
      }),
    };
    const { problems } = resolve(['--config', 'hub.json'], {}, files);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^hub\.json › metrics-token: a secret is never written in the config file; .*give "metrics-token-file" instead/);
    expect(problems[1]).toMatch(/^hub\.json › tls-key: holds a key or certificate itself/);
    expect(problems[2]).toMatch(/^hub\.json › database-url: a password is never written in the config file; .*HUB_DATABASE_URL or DATABASE_URL/);
    expect(problems.join('\n')).not.toMatch(/S3cr3t|pa55word|BEGIN/);
  });

  it('never echoes a secret value it refuses from the environment either', () => {
    const { problems } = resolveConfig(
      { 'database-url': { type: 'string', secret: true, check: () => 'a postgres:// URL' } },
      { argv: [], env: { HUB_DATABASE_URL: 'mysql://root:pa55word@db/hub' } },
    );
    expect(problems).toEqual(['HUB_DATABASE_URL: a postgres:// URL']);
  });

  it('says which file an option names cannot be read', () => {
    expect(resolve(['--metrics-token-file', 'nowhere.token']).problems).toEqual(['--metrics-token-file: cannot read the file "nowhere.token" (ENOENT)']);
  });
});

const ROOT = new URL('..', import.meta.url).pathname;

describe('the servers started with a configuration', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ecert-config-'));
    writeFileSync(join(dir, 'nodes.json'), JSON.stringify([{ code: '350200', name: '厦门市', url: 'http://127.0.0.1:9' }]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('npm run node lists every problem of its command line, environment and file, and exits 2 before opening anything', async () => {
    const config = join(dir, 'bad-node.json');
    writeFileSync(config, JSON.stringify({ node: '350200', 'databse-url': 'postgres://db/hub', 'metrics-token': 'inline', port: 70000 }));
    const { code, stderr } = await new Promise<{ code: number; stderr: string }>((done) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', 'scripts/node.ts', '--config', config, '--jobs-poll', '10'],
        { cwd: ROOT, env: { ...process.env, INIT_CWD: ROOT, HUB_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', HUB_DRAIN_TIMEOUT_MS: 'soon' } },
        (error, _stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stderr }),
      ),
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/^5 problems in the configuration/);
    expect(stderr).toContain(`${config} › databse-url: not an option of this command (did you mean "database-url"?)`);
    expect(stderr).toContain(`${config} › metrics-token: a secret is never written in the config file`);
    expect(stderr).toContain(`${config} › port: a port number, at most 65535, not "70000"`);
    expect(stderr).toContain('--jobs-poll: milliseconds, at least 100, not "10"');
    expect(stderr).toContain('HUB_DRAIN_TIMEOUT_MS: milliseconds, at least 0, not "soon"');
    expect(stderr).not.toContain('inline');
  }, 60_000);

  it('npm run gateway starts from a config file, the environment overriding it', async () => {
    const config = join(dir, 'gateway.json');
    writeFileSync(config, JSON.stringify({ nodes: join(dir, 'nodes.json'), port: 0, 'anchor-interval': 0, 'drain-timeout': 60000 }));
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/gateway.ts'], {
      cwd: ROOT,
      env: { ...process.env, INIT_CWD: ROOT, HUB_DATA_DIR: join(dir, 'data'), HUB_CONFIG: config, HUB_DRAIN_TIMEOUT: '2000', HUB_NODES: '', PORT: '', HUB_PORT: '', HOST: '', HUB_HOST: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    try {
      await new Promise<void>((ready, failed) => {
        const look = (chunk: Buffer) => {
          log += chunk.toString();
          if (/gateway ready at http:\/\/127\.0\.0\.1:\d+\/graphql/.test(log)) ready();
        };
        child.stdout.on('data', look);
        child.stderr.on('data', look);
        child.once('exit', () => failed(new Error(`the gateway exited before it was ready:\n${log}`)));
      });
      // Answered once the code after the ready line (the signal handlers) has run.
      const url = /gateway ready at (http:\/\/\S+)\/graphql/.exec(log)![1]!;
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(log).toMatch(/draining — no new connections, up to 2 s for requests in flight/);
    } finally {
      child.kill('SIGKILL');
    }
  }, 90_000);
});

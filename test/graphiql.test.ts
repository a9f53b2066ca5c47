import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphiqlHeaders, graphiqlPage } from '../gateway/graphiql.js';
import { AGENCY, BUSINESS_LICENCE, DEFINE_TYPE } from './support/fixtures.js';
import { startTestHub, type TestHub } from './support/hub.js';

const CHROMIUM = '/usr/bin/chromium';
const IN_CI = process.env['CI'] === 'true';
/** Locally a missing browser skips the browser test; in CI it must run, and fails without one. */
const skipBrowser = !existsSync(CHROMIUM) && !IN_CI;

const MUTATION_FIELDS = /* GraphQL */ `{ __type(name: "Mutation") { fields { name } } }`;
const QUERY_FIELDS = /* GraphQL */ `{ __schema { queryType { fields { name } } } }`;

/**
 * A browser-side expression for the text in one of GraphiQL's CodeMirror editors (the page is
 * evaluated as a string: this project's TypeScript has no DOM types).
 */
const editorText = (container: string): string =>
  `(document.querySelector(${JSON.stringify(`${container} .CodeMirror`)})?.CodeMirror?.getValue() ?? '')`;

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub('graphiql');
  const steward = await hub.as(AGENCY.steward);
  expect((await steward(DEFINE_TYPE, { input: BUSINESS_LICENCE })).errors).toBeUndefined();
});

afterAll(async () => {
  await hub?.stop();
});

describe('the GraphiQL page', () => {
  it('is one self-contained page: nothing is loaded from anywhere, not even from the hub', () => {
    const html = graphiqlPage();
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href="(?!data:)/i);
    expect(html).not.toMatch(/@import\s/);
    // React, ReactDOM and GraphiQL are inlined whole; a bound on the size notices a bundle change.
    expect(Buffer.byteLength(html)).toBeGreaterThan(1_000_000);
    expect(Buffer.byteLength(html)).toBeLessThan(6_000_000);
  });

  it('is served to a browser at GET /graphql with a policy that keeps it on its own origin', async () => {
    const response = await fetch(`${hub.url}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml', 'accept-encoding': 'identity' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).toBe(graphiqlHeaders()['content-security-policy']);
    expect(await response.text()).toBe(graphiqlPage());
  });

  it('is sent gzipped to a browser that takes gzip', async () => {
    const { request } = await import('node:http');
    const url = new URL(`${hub.url}/graphql`);
    const { headers, body } = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      request(url, { headers: { accept: 'text/html', 'accept-encoding': 'gzip, deflate' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
        .on('error', reject)
        .end();
    });
    expect(headers['content-encoding']).toBe('gzip');
    expect(body.length).toBeLessThan(Buffer.byteLength(graphiqlPage()) / 2);
    expect(gunzipSync(body).toString('utf8')).toBe(graphiqlPage());
  });

  it('leaves GET /graphql to GraphQL clients that do not ask for HTML', async () => {
    const response = await fetch(`${hub.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(response.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('introspection through the gateway shows the caller its contract', () => {
  const names = (fields: Array<{ name: string }> | undefined) => (fields ?? []).map((field) => field.name);

  it('a consumer sees no defineCertificateType and no grants; a steward sees both', async () => {
    const consumer = await hub.as(AGENCY.consumer);
    const steward = await hub.as(AGENCY.steward);
    const consumerMutations = await consumer(MUTATION_FIELDS);
    const stewardMutations = await steward(MUTATION_FIELDS);
    expect(consumerMutations.errors).toBeUndefined();
    expect(names(consumerMutations.data?.['__type']?.fields)).not.toContain('defineCertificateType');
    expect(names(stewardMutations.data?.['__type']?.fields)).toContain('defineCertificateType');
    const consumerQueries = names((await consumer(QUERY_FIELDS)).data?.['__schema'].queryType.fields);
    expect(consumerQueries).toContain('certificateTypes');
    expect(consumerQueries).not.toContain('grants');
    expect(names((await steward(QUERY_FIELDS)).data?.['__schema'].queryType.fields)).toContain('grants');
  });

  it('the public, without a token, sees verifyCertificate only', async () => {
    const answer = await hub.request(null, QUERY_FIELDS);
    expect(answer.status).toBe(200);
    expect(names(answer.data?.['__schema'].queryType.fields)).toEqual(['verifyCertificate']);
    expect((await hub.request(null, MUTATION_FIELDS)).data).toEqual({ __type: null });
  });

  it('refuses __schema or __type asked next to other fields, which the full schema would answer', async () => {
    const consumer = await hub.as(AGENCY.consumer);
    const answer = await consumer(/* GraphQL */ `{ certificateTypes { code } __type(name: "DefineCertificateTypeInput") { name } }`);
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});

describe.skipIf(skipBrowser)(
  skipBrowser ? `GraphiQL in Chromium — SKIPPED: ${CHROMIUM} is missing (apt-get install -y chromium)` : 'GraphiQL in a real headless Chromium',
  () => {
    let userDataDir: string;
    let browser: BrowserContext;

    beforeAll(async () => {
      if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: CI must install chromium before the tests (see .ci/run)`);
      userDataDir = mkdtempSync(join(tmpdir(), 'ecert-hub-chromium-'));
      browser = await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROMIUM,
        headless: true,
        viewport: { width: 1280, height: 800 },
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
    });

    afterAll(async () => {
      await browser?.close();
      if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    });

    it('loads offline, sends the token and the purpose, and shows the answer to a typed query', { timeout: 90_000 }, async () => {
      const origin = new URL(hub.url).origin;
      const token = await hub.token(AGENCY.consumer);
      const purpose = '税务登记核验 (tax registration check)';
      const page = await browser.newPage();
      const elsewhere: string[] = [];
      const sent: Array<Record<string, string>> = [];
      const problems: string[] = [];
      page.on('request', (request) => {
        const url = request.url();
        if (!url.startsWith('data:') && new URL(url).origin !== origin) elsewhere.push(url);
        if (request.method() === 'POST' && url === `${origin}/graphql`) sent.push(request.headers());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('response', (response) => {
        if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
      });
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });

      const opened = await page.goto(`${hub.url}/graphql`);
      expect(opened?.status()).toBe(200);
      await page.waitForSelector('.graphiql-query-editor .CodeMirror');
      await page.fill('#token', token);
      await page.fill('#purpose', purpose);
      await page.click('#credentials button[type="submit"]');
      // Waiting through locators: waitForFunction evaluates strings in the page, which the CSP forbids.
      await page.locator('#who', { hasText: 'consumer' }).waitFor();

      // Typed, as an analyst would: CodeMirror closes the braces and types over them.
      const query = '{ certificateTypes { code name } }';
      await page.click('.graphiql-query-editor .CodeMirror');
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      await page.keyboard.type(query);
      await page.keyboard.press('Escape');
      expect(await page.evaluate<string>(editorText('.graphiql-query-editor'))).toBe(query);

      await page.click('.graphiql-execute-button');
      await page.locator('.graphiql-response', { hasText: BUSINESS_LICENCE.code }).waitFor({ timeout: 20_000 });
      const shown = await page.evaluate<string>(editorText('.graphiql-response'));
      expect(JSON.parse(shown)).toEqual({ data: { certificateTypes: [{ code: BUSINESS_LICENCE.code, name: BUSINESS_LICENCE.name }] } });
      await page.screenshot({ path: '/tmp/graphiql.png' });

      const last = sent.at(-1) ?? {};
      expect(last['authorization']).toBe(`Bearer ${token}`);
      expect(last['x-purpose']).toBe(encodeURIComponent(purpose));
      expect(elsewhere).toEqual([]);
      expect(problems).toEqual([]);

      // The token and the purpose are remembered for the next visit.
      await page.reload();
      expect(await page.inputValue('#token')).toBe(token);
      expect(await page.inputValue('#purpose')).toBe(purpose);
      await page.close();
    });

    it('keeps the token and the purpose in the tab’s sessionStorage, never in localStorage', { timeout: 90_000 }, async () => {
      const token = await hub.token(AGENCY.consumer);
      const purpose = '社保资格核验';
      const page = await browser.newPage();
      // A token an earlier version of the page left on disk is removed on the next visit.
      await page.goto(`${hub.url}/graphql`);
      await page.evaluate(`localStorage.setItem('ecert-hub:token', 'left-by-an-older-page')`);
      await page.reload();
      await page.waitForSelector('.graphiql-query-editor .CodeMirror');
      expect(await page.inputValue('#token')).toBe('');

      await page.fill('#token', token);
      await page.fill('#purpose', purpose);
      await page.click('#credentials button[type="submit"]');
      await page.locator('#who', { hasText: 'consumer' }).waitFor();
      expect(await page.evaluate<string | null>(`sessionStorage.getItem('ecert-hub:token')`)).toBe(token);
      expect(await page.evaluate<string | null>(`sessionStorage.getItem('ecert-hub:purpose')`)).toBe(purpose);
      const local = await page.evaluate<string>(`JSON.stringify(Object.entries(localStorage))`);
      expect(local).not.toContain(token);
      expect(local).not.toContain(purpose);
      expect(local).not.toContain('left-by-an-older-page');

      // Another tab of the same browser starts without them.
      const other = await browser.newPage();
      await other.goto(`${hub.url}/graphql`);
      await other.waitForSelector('.graphiql-query-editor .CodeMirror');
      expect(await other.inputValue('#token')).toBe('');
      expect(await other.inputValue('#purpose')).toBe('');
      await other.close();
      await page.close();
    });
  },
);

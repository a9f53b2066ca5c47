import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphiqlHeaders, graphiqlPage } from '../gateway/graphiql.js';
import { CHROMIUM_ARGS, DEFAULT_CHROMIUM } from '../lib/chromium.js';
import { AGENCY, BUSINESS_LICENCE, DEFINE_TYPE } from './support/fixtures.js';
import { startTestHub, type TestHub } from './support/hub.js';

const CHROMIUM = DEFAULT_CHROMIUM;
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

/** What a page did that it must not: ask another origin, fail a request, log an error (a CSP refusal is one). */
function watch(page: Page, origin: string) {
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
  return { elsewhere, sent, problems };
}

/** A token with the given claims and no valid signature: the page reads it, only the gateway verifies. */
const unsignedToken = (claims: Record<string, unknown>): string =>
  [{ alg: 'ES256', typ: 'JWT' }, claims].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.') + '.c2lnbmF0dXJl';

let hub: TestHub;

/**
 * Opens the page as on a first visit: GraphiQL keeps the queries of earlier visits (the earlier
 * tests) in localStorage, and writes them back a moment after a page clears it.
 */
async function firstVisit(page: Page): Promise<void> {
  await page.addInitScript('localStorage.clear()');
  await page.goto(`${hub.url}/graphql`);
}

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
    // React, ReactDOM, GraphiQL and its explorer are inlined whole; a bound on the size notices a bundle change.
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

  it('the public, without a token, sees the public verifications and the published annual reports only', async () => {
    const answer = await hub.request(null, QUERY_FIELDS);
    expect(answer.status).toBe(200);
    expect(names(answer.data?.['__schema'].queryType.fields)).toEqual(['verifyCertificate', 'verifyPresentation', 'annualReports', 'abnormalOperations']);
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
        args: [...CHROMIUM_ARGS],
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
      const { elsewhere, sent, problems } = watch(page, origin);

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

    it('answers the public: without a token the query it opens with verifies a certificate', { timeout: 90_000 }, async () => {
      const origin = new URL(hub.url).origin;
      const page = await browser.newPage();
      const { elsewhere, sent, problems } = watch(page, origin);
      await firstVisit(page);
      await page.waitForSelector('.graphiql-query-editor .CodeMirror');
      await page.locator('#who', { hasText: 'public' }).waitFor();
      expect(await page.evaluate<string>(editorText('.graphiql-query-editor'))).toContain('verifyCertificate(id: "1.2.156.3005.2.');

      await page.click('.graphiql-execute-button');
      await page.locator('.graphiql-response', { hasText: '"found": false' }).waitFor({ timeout: 20_000 });
      const answer = JSON.parse(await page.evaluate<string>(editorText('.graphiql-response')));
      expect(answer.errors).toBeUndefined();
      expect(answer.data.verifyCertificate).toMatchObject({ found: false, status: null, typeName: null });
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.every((headers) => headers['authorization'] === undefined)).toBe(true);
      expect(elsewhere).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    });

    it('clears the result on Apply and shows whose token it is: the agency by name and code, with its roles', { timeout: 90_000 }, async () => {
      const origin = new URL(hub.url).origin;
      const page = await browser.newPage();
      const { elsewhere, problems } = watch(page, origin);
      await firstVisit(page);
      await page.waitForSelector('.graphiql-query-editor .CodeMirror');
      await page.click('.graphiql-execute-button');
      await page.locator('.graphiql-response', { hasText: '"found": false' }).waitFor({ timeout: 20_000 });

      await page.fill('#token', await hub.token(AGENCY.steward));
      await page.click('#credentials button[type="submit"]');
      const who = `${AGENCY.steward.name} (${AGENCY.steward.sub}) · steward · until `;
      await page.locator('#who', { hasText: who }).waitFor();
      await expect.poll(() => page.evaluate<string>(editorText('.graphiql-response')), { timeout: 10_000 }).toBe('');
      expect((await page.getAttribute('#who', 'class')) ?? '').not.toContain('warning');

      // The same query runs again under the token, and its answer is shown.
      await page.click('.graphiql-execute-button');
      await page.locator('.graphiql-response', { hasText: '"found": false' }).waitFor({ timeout: 20_000 });

      // A purpose is applied too: the result from before it goes.
      await page.fill('#purpose', '数据治理检查');
      await page.click('#credentials button[type="submit"]');
      await expect.poll(() => page.evaluate<string>(editorText('.graphiql-response')), { timeout: 10_000 }).toBe('');
      expect(elsewhere).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    });

    it('drops an answer that arrives after Apply, and a result of another tab from before it', { timeout: 90_000 }, async () => {
      const page = await browser.newPage();
      await firstVisit(page);
      await page.waitForSelector('.graphiql-query-editor .CodeMirror');

      // A result in the first tab, then a second tab.
      await page.click('.graphiql-execute-button');
      await page.locator('.graphiql-response', { hasText: '"found": false' }).waitFor({ timeout: 20_000 });
      await page.click('.graphiql-tab-add');
      await page.locator('.graphiql-tab').nth(1).waitFor();

      // The second tab's request is held until a token has been applied.
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let arrived: () => void = () => {};
      const holding = new Promise<void>((resolve) => (arrived = resolve));
      await page.route(`${hub.url}/graphql`, async (route) => {
        if (!route.request().postData()?.includes('verifyCertificate')) return route.continue();
        arrived();
        await held;
        return route.continue();
      });
      await page.click('.graphiql-execute-button');
      await holding;
      await page.fill('#token', await hub.token(AGENCY.consumer));
      await page.click('#credentials button[type="submit"]');
      await page.locator('#who', { hasText: 'consumer' }).waitFor();
      release();
      await page.locator('.graphiql-response', { hasText: 'Not shown: the token or the purpose changed' }).waitFor({ timeout: 20_000 });
      expect(await page.evaluate<string>(editorText('.graphiql-response'))).not.toContain('"data"');
      await page.unroute(`${hub.url}/graphql`);

      // Back in the first tab, its public answer from before the token is gone.
      await page.locator('.graphiql-tab').nth(0).locator('.graphiql-tab-button').click();
      await expect.poll(() => page.evaluate<string>(editorText('.graphiql-response')), { timeout: 10_000 }).toBe('');
      await page.close();
    });

    it('says when the token is a holder’s, and when it has expired', { timeout: 90_000 }, async () => {
      const holder = '91350100M000100Y43';
      const expiredAt = Math.floor(Date.now() / 1000) - 60;
      const page = await browser.newPage();
      await page.goto(`${hub.url}/graphql`);
      await page.waitForSelector('.graphiql-query-editor .CodeMirror');
      await page.fill('#token', unsignedToken({ kind: 'holder', sub: holder, exp: expiredAt }));
      await page.click('#credentials button[type="submit"]');
      await page.locator('#who', { hasText: `holder ${holder} · expired at ` }).waitFor();
      expect((await page.getAttribute('#who', 'class')) ?? '').toContain('warning');

      await page.fill('#token', '');
      await page.click('#credentials button[type="submit"]');
      await page.locator('#who', { hasText: 'public' }).waitFor();
      expect((await page.getAttribute('#who', 'class')) ?? '').not.toContain('warning');
      await page.close();
    });

    it('has the explorer, which lists the query fields of the caller’s contract', { timeout: 90_000 }, async () => {
      const origin = new URL(hub.url).origin;
      const page = await browser.newPage();
      const { elsewhere, problems } = watch(page, origin);
      await firstVisit(page);
      await page.waitForSelector('.graphiql-query-editor .CodeMirror');
      await page.click('button[aria-label="Show GraphiQL Explorer"]');
      const explorer = page.locator('.graphiql-explorer-root');
      await explorer.getByText('verifyCertificate', { exact: true }).waitFor();
      expect(await explorer.getByText('certificateTypes', { exact: true }).count()).toBe(0);

      await page.fill('#token', await hub.token(AGENCY.consumer));
      await page.click('#credentials button[type="submit"]');
      await explorer.getByText('certificateTypes', { exact: true }).waitFor({ timeout: 20_000 });
      await explorer.getByText('verifyCertificate', { exact: true }).waitFor();
      await page.screenshot({ path: '/tmp/graphiql-explorer.png' });
      expect(elsewhere).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    });
  },
);

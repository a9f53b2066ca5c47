import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';

/**
 * The answer of a presentation's link (亮证, GET /presentation?token=…): the gateway runs
 * PRESENTATION_CHECK for the caller exactly as a POST of it would run (gateway/server.ts), and
 * this module turns the GraphQL answer into what the caller asked for — a small page for a phone
 * that scanned the QR code, or the GraphQL answer itself for `Accept: application/json`.
 */

/** The operation the link runs: everything verifyPresentation answers. */
export const PRESENTATION_CHECK = /* GraphQL */ `
  query PresentationLink($token: String!) {
    verifyPresentation(token: $token) { valid reason status typeName issuerName holderName items { code name value } expiresAt }
  }
`;

/** What verifyPresentation answers, as the page reads it. */
interface PresentationCheck {
  valid: boolean;
  reason: string | null;
  status: string | null;
  typeName: string | null;
  issuerName: string | null;
  holderName: string | null;
  items: Array<{ code: string; name: string; value: string | null }>;
  expiresAt: string | null;
}

/** The GraphQL answer to PRESENTATION_CHECK, as the gateway gave it. */
export interface PresentationAnswer {
  data?: { verifyPresentation?: PresentationCheck | null } | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** Read when the gateway starts, so that a gateway without its page fails then, not at the first scan. */
const TEMPLATE = readFileSync(new URL('./presentation.html', import.meta.url), 'utf8').replace(/\r\n?/g, '\n');

const STYLE = /<style>([\s\S]*?)<\/style>/.exec(TEMPLATE)?.[1];
if (STYLE === undefined) throw new Error('gateway/presentation.html has no style element');

/** Nothing runs, nothing is loaded, and the page's one style element is allowed by its hash. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE, 'utf8').digest('base64')}'`,
  "img-src data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers of every answer of the link: it is one check, at one moment, of one token. */
const NOT_STORED = { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff', vary: 'Accept' };

/** Whether the caller asked for the GraphQL answer as JSON rather than the page. */
export function wantsJson(req: IncomingMessage): boolean {
  return /\bapplication\/(?:graphql-response\+)?json\b/i.test(req.headers.accept ?? '');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML content and attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);

/** 证照状态 in Chinese and English. */
const STATUS_LABELS: Record<string, string> = {
  VALID: '有效 Valid',
  SUSPENDED: '暂扣 Suspended',
  EXPIRED: '过期 Expired',
  REVOKED: '吊销 Revoked',
  WITHDRAWN: '撤销 Withdrawn',
  CANCELLED: '注销 Cancelled',
};

/** Why a presentation is not valid, for whoever scanned it: what happened, and what to do. */
const REFUSALS: Record<string, { title: string; advice: string }> = {
  EXPIRED: { title: '亮证码已过期 This presentation has expired', advice: '请持证人重新亮证。 Ask the holder to present the certificate again.' },
  BAD_SIGNATURE: {
    title: '亮证码无效 This presentation is not genuine',
    advice: '它不是由本平台签发，或已被改动。 The hub did not sign it, or it was altered.',
  },
  NOT_FOUND: { title: '未找到该证照 The certificate was not found', advice: '本平台不再保存该证照。 The hub no longer keeps this certificate.' },
  CERTIFICATE_NOT_VALID: {
    title: '证照当前无效 The certificate is not valid now',
    advice: '亮证码为真，但证照当前状态不是有效。 The presentation is genuine, but the certificate is not in force.',
  },
};

/** An instant as China time, e.g. `2025-05-01 10:20:30 (北京时间 UTC+8)`. */
function chinaTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')} (北京时间 UTC+8)`;
}

const verdict = (kind: 'valid' | 'invalid' | 'unchecked', title: string, advice: string) =>
  `<div class="verdict ${kind}"><strong>${escapeHtml(title)}</strong><p>${escapeHtml(advice)}</p></div>`;

/** A definition list of the facts that are present, each label in Chinese and English. */
function facts(rows: Array<[label: string, value: string | null]>): string {
  const present = rows.filter((row): row is [string, string] => row[1] !== null);
  if (present.length === 0) return '';
  return `<dl>${present.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>`;
}

/** The disclosed items, or a line saying that none were. */
function itemTable(items: PresentationCheck['items']): string {
  if (items.length === 0) return facts([['亮证信息项 Disclosed items', '持证人未选择出示信息项 None chosen by the holder']]);
  const rows = items.map((item) => `<tr><th scope="row">${escapeHtml(item.name)}</th><td>${escapeHtml(item.value ?? '—')}</td></tr>`).join('');
  return `<table><caption>亮证信息项 Disclosed items</caption><tbody>${rows}</tbody></table>`;
}

/** The page's content for a check that was answered. */
function checkContent(check: PresentationCheck): string {
  const status = check.status === null ? null : (STATUS_LABELS[check.status] ?? check.status);
  const until = check.expiresAt === null ? null : chinaTime(check.expiresAt);
  if (check.valid) {
    return [
      verdict('valid', '亮证有效 Valid presentation', '证照有效，以下为持证人选择出示的信息。 The certificate is in force; below is what its holder chose to show.'),
      facts([
        ['证照类型 Certificate', check.typeName],
        ['发证机关 Issued by', check.issuerName],
        ['持证主体 Holder', check.holderName],
        ['证照状态 Status', status],
        ['亮证有效期至 Valid until', until],
      ]),
      itemTable(check.items),
    ].join('\n');
  }
  const refusal = REFUSALS[check.reason ?? ''] ?? { title: '亮证无效 Not a valid presentation', advice: check.reason ?? '' };
  return [
    verdict('invalid', refusal.title, refusal.advice),
    facts([
      ['证照类型 Certificate', check.typeName],
      ['发证机关 Issued by', check.issuerName],
      ['证照状态 Status', status],
      ['亮证有效期至 Valid until', until],
    ]),
  ].join('\n');
}

/** The page's content when the hub gave no check: the token unreadable, too many checks, a node down. */
function errorContent(answer: PresentationAnswer, retryAfter: string | undefined): string {
  const error = answer.errors?.[0];
  const code = typeof error?.extensions?.['code'] === 'string' ? (error.extensions['code'] as string) : 'ERROR';
  if (code === 'RATE_LIMITED') {
    return verdict('unchecked', '核验过于频繁 Too many checks', `请${retryAfter ?? '稍'}秒后再试。 Try again in ${retryAfter ?? 'a few'} seconds.`);
  }
  if (code === 'BAD_USER_INPUT') {
    return verdict('unchecked', '不是亮证码 Not a presentation', '链接中的亮证码无法读取。 The link does not carry a readable presentation.');
  }
  return verdict('unchecked', '暂时无法核验 The presentation could not be checked', `${code}: ${error?.message ?? 'no answer'}`);
}

/** The page for a GraphQL answer to PRESENTATION_CHECK: self-contained HTML, every value escaped. */
export function presentationPage(answer: PresentationAnswer, retryAfter?: string): string {
  const check = answer.data?.verifyPresentation;
  const content = check ? checkContent(check) : errorContent(answer, retryAfter);
  const title = check?.valid ? '亮证有效 · Valid presentation' : '亮证核验 · Presentation check';
  // Replaced by functions: a replacement string would give `$&` and the like a meaning.
  return TEMPLATE.replace('{{title}}', () => escapeHtml(title)).replace('{{content}}', () => content);
}

/** The headers of the page: its Content-Security-Policy first among them. */
export function presentationPageHeaders(): Record<string, string> {
  return { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CONTENT_SECURITY_POLICY, ...NOT_STORED };
}

/** The headers of the JSON answer. */
export function presentationJsonHeaders(): Record<string, string> {
  return { 'content-type': 'application/json; charset=utf-8', ...NOT_STORED };
}

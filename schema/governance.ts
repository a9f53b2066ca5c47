/**
 * Schema governance: the API schema clients see, compared with the last one released, with
 * graphql-inspector's criticality of every change. Releases live in a directory (by default
 * schema/releases/) as `<version>.graphql` files and a `manifest.json` that says, for each, its
 * date, digest, what changed since the one before and which breaking changes a data steward
 * accepted, and why. A steward marks an intended breaking change before it is released in
 * `accepted-breaking.json` beside them; the next release records and clears it. Everything
 * here takes paths and text as arguments: scripts/schema-check.ts is the command line.
 */
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { printSchema } from 'graphql';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiSchemaOf } from './api-schema.js';

/**
 * graphql-inspector checks schemas with the graphql module Node resolves for it (the package's
 * CommonJS entry), and graphql-js refuses types built by another copy. Node gives `import` the
 * same entry, but a bundling test runner gives it the ES module: the schemas compared are built
 * with the copy inspector uses, whoever runs this.
 */
const graphqlForDiff = createRequire(import.meta.url)('graphql') as typeof import('graphql');
const { buildSchema } = graphqlForDiff;
/** An SDL in the one canonical printing: what `identical` compares. */
const canonical = (sdl: string) => graphqlForDiff.printSchema(buildSchema(sdl));

/** Where the released schemas are kept in the repository. */
export const releasesDir = fileURLToPath(new URL('./releases/', import.meta.url));

export const MANIFEST_FILE = 'manifest.json';
export const ACCEPTED_FILE = 'accepted-breaking.json';

export type Criticality = 'BREAKING' | 'DANGEROUS' | 'SAFE';

/** One difference between two API schemas, as graphql-inspector describes it. */
export interface SchemaChange {
  criticality: Criticality;
  /** graphql-inspector's change type, e.g. FIELD_REMOVED. */
  type: string;
  /** What changed, e.g. `Certificate.seal`; null for a change to the schema as a whole. */
  path: string | null;
  message: string;
  /** Why graphql-inspector rates it so, when it says. */
  why?: string;
}

/** A breaking change a data steward accepted, with the reason given. */
export interface AcceptedChange {
  type: string;
  path: string | null;
  message: string;
  reason: string;
  /** YYYY-MM-DD. */
  acceptedOn: string;
}

export interface Release {
  /** major.minor.patch: a release with breaking changes has a new major version. */
  version: string;
  /** YYYY-MM-DD (China time). */
  date: string;
  /** The released API schema, relative to the manifest. */
  schema: string;
  /** SHA-256 of that file, hex: a released schema edited afterwards is noticed. */
  sha256: string;
  /** The version this one was compared with; null for the first release. */
  previous: string | null;
  /** The breaking changes since `previous`, each accepted with a reason. */
  acceptedBreaking: AcceptedChange[];
  /** Every change since `previous`. */
  changes: SchemaChange[];
  /** What the stewards tell agencies about the release (what to watch for in its dangerous changes); absent when nothing. */
  notes?: string;
}

export interface Manifest {
  /** Oldest first: the last one is the current release. */
  releases: Release[];
}

/** A change of the comparison, with the steward's acceptance when it is a marked breaking change. */
export interface ComparedChange extends SchemaChange {
  accepted?: AcceptedChange;
}

export interface Comparison {
  /** The release compared with; null when nothing has been released yet. */
  previous: Release | null;
  /** Breaking first, then dangerous, then safe; by path within each. */
  changes: ComparedChange[];
  /** Breaking changes no steward accepted: the check fails on any. */
  unmarked: ComparedChange[];
  /** Accepted changes that no longer occur (the schema changed again since): worth a look. */
  staleAcceptances: AcceptedChange[];
  /** Whether the current API schema is exactly the released one, descriptions included. */
  identical: boolean;
  /** Problems with the release store itself (a released file edited, missing, …). */
  problems: string[];
}

/** A release refused, with the reason a steward can act on. */
export class ReleaseRefused extends Error {}

/** The API schema clients see (no federation internals), printed: what is released and compared. */
export function apiSchemaSdl(supergraphSdl: string): string {
  return printSchema(apiSchemaOf(supergraphSdl));
}

export function readManifest(dir: string): Manifest {
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(file)) return { releases: [] };
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

export function readAccepted(dir: string): AcceptedChange[] {
  const file = join(dir, ACCEPTED_FILE);
  if (!existsSync(file)) return [];
  return (JSON.parse(readFileSync(file, 'utf8')) as { accepted: AcceptedChange[] }).accepted;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

const LEVELS: Record<CriticalityLevel, Criticality> = {
  [CriticalityLevel.Breaking]: 'BREAKING',
  [CriticalityLevel.Dangerous]: 'DANGEROUS',
  [CriticalityLevel.NonBreaking]: 'SAFE',
};
const ORDER: Record<Criticality, number> = { BREAKING: 0, DANGEROUS: 1, SAFE: 2 };

function schemaChange(change: Change): SchemaChange {
  const criticality = LEVELS[change.criticality.level];
  return {
    criticality,
    type: change.type,
    path: change.path ?? null,
    message: change.message,
    ...(change.criticality.reason && criticality !== 'SAFE' ? { why: change.criticality.reason } : {}),
  };
}

/** An acceptance marks a change only if it is the same change: same type, path and message. */
const sameChange = (a: Pick<SchemaChange, 'type' | 'path' | 'message'>, b: Pick<SchemaChange, 'type' | 'path' | 'message'>) =>
  a.type === b.type && a.path === b.path && a.message === b.message;

/** Every change from `oldSdl` to `newSdl`, breaking first, by path within each level. */
export async function schemaChanges(oldSdl: string, newSdl: string): Promise<SchemaChange[]> {
  const changes = (await diff(buildSchema(oldSdl), buildSchema(newSdl))).map(schemaChange);
  return changes.sort(
    (a, b) => ORDER[a.criticality] - ORDER[b.criticality] || (a.path ?? '').localeCompare(b.path ?? '') || a.message.localeCompare(b.message),
  );
}

/**
 * Compares `currentSdl` (an API schema, see apiSchemaSdl) with the last release in `dir`,
 * marking the breaking changes accepted in its accepted-breaking.json.
 */
export async function compareWithRelease(dir: string, currentSdl: string): Promise<Comparison> {
  const { releases } = readManifest(dir);
  const previous = releases.at(-1) ?? null;
  const accepted = readAccepted(dir);
  const problems: string[] = [];
  if (!previous) {
    return { previous, changes: [], unmarked: [], staleAcceptances: accepted, identical: false, problems };
  }
  const file = join(dir, previous.schema);
  if (!existsSync(file)) {
    problems.push(`${previous.schema}, the schema of release ${previous.version}, is missing`);
    return { previous, changes: [], unmarked: [], staleAcceptances: [], identical: false, problems };
  }
  const releasedSdl = readFileSync(file, 'utf8');
  if (sha256(releasedSdl) !== previous.sha256) {
    problems.push(`${previous.schema} is not the schema released as ${previous.version}: it was edited after its release (its SHA-256 differs from the manifest's)`);
  }
  const changes: ComparedChange[] = (await schemaChanges(releasedSdl, currentSdl)).map((change) => {
    const acceptance = change.criticality === 'BREAKING' ? accepted.find((a) => sameChange(a, change)) : undefined;
    return acceptance ? { ...change, accepted: acceptance } : change;
  });
  return {
    previous,
    changes,
    unmarked: changes.filter((change) => change.criticality === 'BREAKING' && !change.accepted),
    staleAcceptances: accepted.filter((a) => !changes.some((change) => change.criticality === 'BREAKING' && sameChange(a, change))),
    identical: canonical(releasedSdl) === canonical(currentSdl),
    problems,
  };
}

/** Whether `comparison` lets the current schema through: a release exists and every breaking change is accepted. */
export const checkPasses = (comparison: Comparison): boolean =>
  comparison.previous !== null && comparison.unmarked.length === 0 && comparison.problems.length === 0;

/**
 * Marks the breaking changes that are not marked yet — all of them, or those at `paths` — as
 * accepted for the next release, with `reason`, in `dir`'s accepted-breaking.json (a file to
 * commit with the schema change, so the acceptance is reviewed with it). Returns the changes it
 * marked.
 */
export function acceptBreaking(dir: string, comparison: Comparison, reason: string, date: string, paths?: readonly string[]): AcceptedChange[] {
  const why = reason.trim();
  if (why === '') throw new ReleaseRefused('say why the breaking changes are accepted: --accept-breaking "reason"');
  const unknown = (paths ?? []).filter((path) => !comparison.unmarked.some((change) => change.path === path));
  if (unknown.length > 0) throw new ReleaseRefused(`no unmarked breaking change at ${unknown.join(', ')}`);
  const chosen = paths && paths.length > 0 ? comparison.unmarked.filter((change) => change.path !== null && paths.includes(change.path)) : comparison.unmarked;
  const marked = chosen.map(({ type, path, message }) => ({ type, path, message, reason: why, acceptedOn: date }));
  if (marked.length > 0) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, ACCEPTED_FILE), json({ accepted: [...readAccepted(dir), ...marked] }));
  }
  return marked;
}

const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

function parseVersion(version: string): [number, number, number] {
  const m = VERSION.exec(version);
  if (!m) throw new ReleaseRefused(`a version is major.minor.patch (e.g. 1.2.0), not ${JSON.stringify(version)}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const compareVersions = (a: [number, number, number], b: [number, number, number]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/**
 * The version a release of these changes gets by default: 1.0.0 first; then a new major
 * version for breaking changes, a new minor one for anything else clients can use or notice,
 * a new patch for descriptions only.
 */
export function nextVersion(previous: string | null, changes: readonly SchemaChange[]): string {
  if (previous === null) return '1.0.0';
  const [major, minor, patch] = parseVersion(previous);
  if (changes.some((change) => change.criticality === 'BREAKING')) return `${major + 1}.0.0`;
  if (changes.every((change) => change.type.includes('DESCRIPTION'))) return `${major}.${minor}.${patch + 1}`;
  return `${major}.${minor + 1}.0`;
}

export interface ReleaseOptions {
  /** Default: nextVersion. */
  version?: string | undefined;
  /** YYYY-MM-DD. */
  date: string;
  /** Accepts, with this reason, the breaking changes no steward has marked yet. */
  allowBreaking?: string | undefined;
  /** Release notes for agencies, kept in the manifest. */
  notes?: string | undefined;
}

/**
 * Releases `currentSdl` (an API schema) in `dir`: writes `<version>.graphql`, appends the
 * release to manifest.json with its changes and accepted breaking changes, and clears
 * accepted-breaking.json. Refuses (ReleaseRefused) when nothing changed since the last release,
 * when a breaking change is neither marked nor allowed, when the version is not greater than the
 * last one, or when breaking changes come without a new major version.
 */
export async function releaseSchema(dir: string, currentSdl: string, options: ReleaseOptions): Promise<Release> {
  const comparison = await compareWithRelease(dir, currentSdl);
  if (comparison.problems.length > 0) throw new ReleaseRefused(comparison.problems.join('\n'));
  const { previous, changes, unmarked } = comparison;
  if (previous && comparison.identical) throw new ReleaseRefused(`nothing changed since release ${previous.version}: nothing to release`);
  const allowed = options.allowBreaking?.trim();
  if (options.allowBreaking !== undefined && !allowed) throw new ReleaseRefused('say why the breaking changes are allowed: --allow-breaking "reason"');
  if (unmarked.length > 0 && !allowed) {
    throw new ReleaseRefused(
      `${unmarked.length} breaking change${unmarked.length === 1 ? ' is' : 's are'} not marked:\n` +
        unmarked.map((change) => `  ${change.path ?? '(schema)'}  ${change.message}`).join('\n') +
        '\nmark them with npm run schema:check -- --accept-breaking "reason", or release them with --allow-breaking "reason"',
    );
  }
  const version = options.version ?? nextVersion(previous?.version ?? null, changes);
  const parsed = parseVersion(version);
  if (previous) {
    const last = parseVersion(previous.version);
    if (compareVersions(parsed, last) <= 0) throw new ReleaseRefused(`version ${version} is not after the current release ${previous.version}`);
    if (changes.some((change) => change.criticality === 'BREAKING') && parsed[0] === last[0]) {
      throw new ReleaseRefused(`breaking changes need a new major version: ${nextVersion(previous.version, changes)}, not ${version}`);
    }
  }
  const schemaFile = `${version}.graphql`;
  if (existsSync(join(dir, schemaFile))) throw new ReleaseRefused(`${schemaFile} exists already`);

  const acceptedBreaking = changes
    .filter((change) => change.criticality === 'BREAKING')
    .map(({ type, path, message, accepted }) => accepted ?? { type, path, message, reason: allowed!, acceptedOn: options.date });
  const release: Release = {
    version,
    date: options.date,
    schema: schemaFile,
    sha256: sha256(currentSdl),
    previous: previous?.version ?? null,
    acceptedBreaking,
    changes: changes.map(({ accepted: _accepted, ...change }) => change),
    ...(options.notes?.trim() ? { notes: options.notes.trim() } : {}),
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, schemaFile), currentSdl);
  writeFileSync(join(dir, MANIFEST_FILE), json({ releases: [...readManifest(dir).releases, release] }));
  rmSync(join(dir, ACCEPTED_FILE), { force: true });
  return release;
}

const HEADINGS: Record<Criticality, string> = {
  BREAKING: 'Breaking changes',
  DANGEROUS: 'Dangerous changes',
  SAFE: 'Safe changes',
};

/** A readable report of a comparison, grouped by criticality, one change a line. */
export function formatReport(comparison: Comparison, currentLabel: string): string {
  const lines: string[] = [];
  const { previous } = comparison;
  if (!previous) {
    lines.push('No API schema has been released yet: make the first release with npm run schema:release.');
    return lines.join('\n');
  }
  lines.push(`API schema of ${currentLabel} against release ${previous.version} (${previous.date})`);
  for (const problem of comparison.problems) lines.push(`  problem: ${problem}`);
  if (comparison.changes.length === 0) {
    lines.push(comparison.identical ? '  no changes' : '  no changes to types, fields or descriptions (only formatting)');
  }
  for (const level of ['BREAKING', 'DANGEROUS', 'SAFE'] as const) {
    const group = comparison.changes.filter((change) => change.criticality === level);
    if (group.length === 0) continue;
    lines.push('', `${HEADINGS[level]} (${group.length})`);
    for (const change of group) {
      const mark = level !== 'BREAKING' ? '' : change.accepted ? ' [accepted]' : ' [NOT MARKED]';
      lines.push(`  ${change.path ?? '(schema)'}${mark}: ${change.message}`);
      if (change.accepted) lines.push(`      accepted on ${change.accepted.acceptedOn}: ${change.accepted.reason}`);
      else if (change.why) lines.push(`      ${change.why}`);
    }
  }
  if (comparison.staleAcceptances.length > 0) {
    lines.push('', `Accepted in ${ACCEPTED_FILE} but no longer a change (${comparison.staleAcceptances.length}):`);
    for (const a of comparison.staleAcceptances) lines.push(`  ${a.path ?? '(schema)'}: ${a.message}`);
  }
  return lines.join('\n');
}

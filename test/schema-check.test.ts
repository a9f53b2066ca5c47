import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Kind,
  parse,
  print,
  visit,
  type DefinitionNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
  type StringValueNode,
} from 'graphql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SUBGRAPHS, supergraphPath } from '../schema/compose.js';
import {
  ACCEPTED_FILE,
  acceptBreaking,
  apiSchemaSdl,
  checkPasses,
  compareWithRelease,
  formatReport,
  MANIFEST_FILE,
  readManifest,
  releaseSchema,
} from '../schema/governance.js';

const ROOT = new URL('..', import.meta.url).pathname;
const CURRENT = apiSchemaSdl(readFileSync(supergraphPath, 'utf8'));
const DAY = '2026-11-27';

/** The API schema with `type`'s fields replaced by what `edit` makes of them. */
function editFields(sdl: string, type: string, edit: (fields: readonly FieldDefinitionNode[]) => FieldDefinitionNode[]): string {
  return print(
    visit(parse(sdl), {
      ObjectTypeDefinition: (node) => (node.name.value === type ? { ...node, fields: edit(node.fields ?? []) } : undefined),
    }),
  );
}

/** A field definition written in SDL, e.g. `extra: String`. */
function field(sdl: string): FieldDefinitionNode {
  const [type] = parse(`type T { ${sdl} }`).definitions as [ObjectTypeDefinitionNode];
  return type.fields![0]!;
}

const withField = (sdl: string, type: string, definition: string) => editFields(sdl, type, (fields) => [...fields, field(definition)]);
const withoutField = (sdl: string, type: string, name: string) => editFields(sdl, type, (fields) => fields.filter((f) => f.name.value !== name));
const retyped = (sdl: string, type: string, name: string, definition: string) =>
  editFields(sdl, type, (fields) => fields.map((f) => (f.name.value === name ? { ...field(definition), description: f.description } : f)));

let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'schema-releases-'));
  await releaseSchema(dir, CURRENT, { date: DAY });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run schema:check against the last released API schema', () => {
  it('passes when the schema is unchanged', async () => {
    const comparison = await compareWithRelease(dir, CURRENT);
    expect(comparison.changes).toEqual([]);
    expect(comparison.identical).toBe(true);
    expect(checkPasses(comparison)).toBe(true);
  });

  it('passes with an added optional field, listed as safe', async () => {
    const comparison = await compareWithRelease(dir, withField(CURRENT, 'Certificate', 'remark: String'));
    expect(comparison.changes).toEqual([expect.objectContaining({ criticality: 'SAFE', type: 'FIELD_ADDED', path: 'Certificate.remark' })]);
    expect(checkPasses(comparison)).toBe(true);
  });

  it('fails on a removed field, a breaking change nobody marked', async () => {
    const comparison = await compareWithRelease(dir, withoutField(CURRENT, 'Certificate', 'seal'));
    expect(comparison.unmarked).toEqual([expect.objectContaining({ criticality: 'BREAKING', type: 'FIELD_REMOVED', path: 'Certificate.seal' })]);
    expect(checkPasses(comparison)).toBe(false);
  });

  it('fails on a field whose type changed', async () => {
    const comparison = await compareWithRelease(dir, retyped(CURRENT, 'Certificate', 'number', 'number: Int'));
    expect(comparison.unmarked).toEqual([expect.objectContaining({ criticality: 'BREAKING', type: 'FIELD_TYPE_CHANGED', path: 'Certificate.number' })]);
    expect(checkPasses(comparison)).toBe(false);
  });

  it('lists an added enum value as dangerous, and passes', async () => {
    const changed = print(
      visit(parse(CURRENT), {
        EnumTypeDefinition: (node) =>
          node.name.value === 'CertificateOrigin' ? { ...node, values: [...(node.values ?? []), { kind: Kind.ENUM_VALUE_DEFINITION, name: { kind: Kind.NAME, value: 'MIGRATED' } }] } : undefined,
      }),
    );
    const comparison = await compareWithRelease(dir, changed);
    expect(comparison.changes).toEqual([expect.objectContaining({ criticality: 'DANGEROUS', path: 'CertificateOrigin.MIGRATED' })]);
    expect(checkPasses(comparison)).toBe(true);
  });

  it('passes once a steward marks the breaking change as accepted, with the reason kept for review', async () => {
    const changed = withoutField(CURRENT, 'Certificate', 'seal');
    const marked = acceptBreaking(dir, await compareWithRelease(dir, changed), 'seals move to Certificate.seals', DAY);
    expect(marked).toEqual([expect.objectContaining({ path: 'Certificate.seal', reason: 'seals move to Certificate.seals', acceptedOn: DAY })]);
    expect(JSON.parse(readFileSync(join(dir, ACCEPTED_FILE), 'utf8')).accepted).toEqual(marked);

    const comparison = await compareWithRelease(dir, changed);
    expect(comparison.unmarked).toEqual([]);
    expect(comparison.changes[0]?.accepted?.reason).toBe('seals move to Certificate.seals');
    expect(checkPasses(comparison)).toBe(true);
  });

  it('marks only the changes at the paths a steward names, when named', async () => {
    const changed = withoutField(withoutField(CURRENT, 'Certificate', 'seal'), 'Certificate', 'scan');
    const comparison = await compareWithRelease(dir, changed);
    expect(comparison.unmarked.map((change) => change.path)).toEqual(['Certificate.scan', 'Certificate.seal']);
    expect(() => acceptBreaking(dir, comparison, 'why', DAY, ['Certificate.number'])).toThrow('no unmarked breaking change at Certificate.number');
    acceptBreaking(dir, comparison, 'seals move to Certificate.seals', DAY, ['Certificate.seal']);
    const after = await compareWithRelease(dir, changed);
    expect(after.unmarked.map((change) => change.path)).toEqual(['Certificate.scan']);
    expect(checkPasses(after)).toBe(false);
  });

  it('does not let a mark for one change cover another on the same field', async () => {
    acceptBreaking(dir, await compareWithRelease(dir, retyped(CURRENT, 'Certificate', 'number', 'number: Int')), 'numbers become integers', DAY);
    const comparison = await compareWithRelease(dir, retyped(CURRENT, 'Certificate', 'number', 'number: Boolean'));
    expect(comparison.unmarked.map((change) => change.path)).toEqual(['Certificate.number']);
    expect(comparison.staleAcceptances.map((change) => change.path)).toEqual(['Certificate.number']);
    expect(checkPasses(comparison)).toBe(false);
  });

  it('fails when a released schema was edited after its release', async () => {
    writeFileSync(join(dir, '1.0.0.graphql'), withField(CURRENT, 'Certificate', 'remark: String'));
    const comparison = await compareWithRelease(dir, CURRENT);
    expect(comparison.problems).toEqual([expect.stringContaining('edited after its release')]);
    expect(checkPasses(comparison)).toBe(false);
  });

  it('fails when nothing has been released yet', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'schema-releases-'));
    try {
      expect(checkPasses(await compareWithRelease(empty, CURRENT))).toBe(false);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('prints a report grouped by criticality, with paths such as Certificate.seal', async () => {
    const changed = withField(withoutField(CURRENT, 'Certificate', 'seal'), 'Seal', 'remark: String');
    const report = formatReport(await compareWithRelease(dir, changed), 'schema/supergraph.graphql');
    expect(report).toContain('against release 1.0.0 (2026-11-27)');
    expect(report).toMatch(/Breaking changes \(1\)\n {2}Certificate\.seal \[NOT MARKED\]: Field 'seal' was removed from object type 'Certificate'/);
    expect(report).toMatch(/Safe changes \(1\)\n {2}Seal\.remark: /);
    expect(report.indexOf('Breaking changes')).toBeLessThan(report.indexOf('Safe changes'));
  });
});

describe('npm run schema:release', () => {
  it('writes the first release: the API schema, its version, date and digest in the manifest', () => {
    expect(readFileSync(join(dir, '1.0.0.graphql'), 'utf8')).toBe(CURRENT);
    const [release] = readManifest(dir).releases;
    expect(release).toEqual({
      version: '1.0.0',
      date: DAY,
      schema: '1.0.0.graphql',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      previous: null,
      acceptedBreaking: [],
      changes: [],
    });
    expect(readManifest(dir).releases).toHaveLength(1);
  });

  it('releases a marked breaking change as a new major version, recording the acceptance and clearing the marks', async () => {
    const changed = withoutField(CURRENT, 'Certificate', 'seal');
    acceptBreaking(dir, await compareWithRelease(dir, changed), 'seals move to Certificate.seals', DAY);
    const release = await releaseSchema(dir, changed, { date: '2026-12-01' });

    expect(release.version).toBe('2.0.0');
    expect(readFileSync(join(dir, '2.0.0.graphql'), 'utf8')).toBe(changed);
    const releases = readManifest(dir).releases;
    expect(releases.map((r) => r.version)).toEqual(['1.0.0', '2.0.0']);
    expect(releases[1]).toMatchObject({
      date: '2026-12-01',
      previous: '1.0.0',
      acceptedBreaking: [{ type: 'FIELD_REMOVED', path: 'Certificate.seal', reason: 'seals move to Certificate.seals', acceptedOn: DAY }],
      changes: [{ criticality: 'BREAKING', type: 'FIELD_REMOVED', path: 'Certificate.seal' }],
    });
    expect(existsSync(join(dir, ACCEPTED_FILE))).toBe(false);
    expect(checkPasses(await compareWithRelease(dir, changed))).toBe(true);
  });

  it('gives a new minor version to additions and a new patch to descriptions', async () => {
    const added = withField(CURRENT, 'Certificate', 'remark: String');
    expect((await releaseSchema(dir, added, { date: DAY })).version).toBe('1.1.0');
    const described = editFields(added, 'Certificate', (fields) =>
      fields.map((f) => (f.name.value === 'remark' ? { ...f, description: { kind: Kind.STRING, value: 'A remark.' } satisfies StringValueNode } : f)),
    );
    expect((await releaseSchema(dir, described, { date: DAY })).version).toBe('1.1.1');
  });

  it('refuses to release when nothing changed', async () => {
    await expect(releaseSchema(dir, CURRENT, { date: DAY })).rejects.toThrow('nothing changed since release 1.0.0');
  });

  it('refuses an unmarked breaking change unless allowed with a reason, which it records', async () => {
    const changed = retyped(CURRENT, 'Certificate', 'number', 'number: Int');
    await expect(releaseSchema(dir, changed, { date: DAY })).rejects.toThrow(/1 breaking change is not marked:\n {2}Certificate\.number/);
    await expect(releaseSchema(dir, changed, { date: DAY, allowBreaking: ' ' })).rejects.toThrow('say why');
    const release = await releaseSchema(dir, changed, { date: DAY, allowBreaking: 'numbers are integers now' });
    expect(release.acceptedBreaking).toEqual([expect.objectContaining({ path: 'Certificate.number', reason: 'numbers are integers now' })]);
  });

  it('refuses a version that is not after the last one, and breaking changes without a new major version', async () => {
    await expect(releaseSchema(dir, withField(CURRENT, 'Certificate', 'remark: String'), { date: DAY, version: '1.0.0' })).rejects.toThrow(
      'not after the current release 1.0.0',
    );
    await expect(
      releaseSchema(dir, withoutField(CURRENT, 'Certificate', 'seal'), { date: DAY, version: '1.1.0', allowBreaking: 'on purpose' }),
    ).rejects.toThrow('breaking changes need a new major version: 2.0.0');
    await expect(releaseSchema(dir, withField(CURRENT, 'Certificate', 'remark: String'), { date: DAY, version: 'v2' })).rejects.toThrow(
      'major.minor.patch',
    );
  });
});

describe('the schema:check command', () => {
  /** Runs scripts/schema-check.ts on the committed supergraph with `dir` as the release store. */
  function check(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'scripts/schema-check.ts', '--supergraph', supergraphPath.pathname, '--releases', dir, ...args],
        { cwd: ROOT },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  it('exits 1 on an unmarked breaking change and 0 once it is accepted', async () => {
    // Released with a field the current supergraph does not have: the current one removed it.
    const store = mkdtempSync(join(tmpdir(), 'schema-releases-'));
    rmSync(dir, { recursive: true, force: true });
    dir = store;
    await releaseSchema(dir, withField(CURRENT, 'Certificate', 'legacyNumber: String'), { date: DAY });

    const failed = await check();
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('Certificate.legacyNumber [NOT MARKED]');
    expect(failed.stderr).toContain('schema check FAILED: 1 breaking change(s) not marked');

    const accepted = await check('--accept-breaking', 'legacy numbers were never filled');
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain(`accepted 1 breaking change(s) for the next release in ${dir}/${ACCEPTED_FILE}`);
    expect(accepted.stdout).toContain('schema check passed');
    expect(JSON.parse(readFileSync(join(dir, ACCEPTED_FILE), 'utf8')).accepted).toEqual([
      expect.objectContaining({ path: 'Certificate.legacyNumber', reason: 'legacy numbers were never filled' }),
    ]);
  }, 60_000);
});

describe('every subgraph schema is documented', () => {
  it('has a description on every type, field, argument, enum value and input field of the three SDL files', () => {
    const missing: string[] = [];
    for (const name of SUBGRAPHS) {
      const sdl = parse(readFileSync(new URL(`../subgraphs/${name}/schema.graphql`, import.meta.url), 'utf8'));
      for (const definition of sdl.definitions as readonly DefinitionNode[]) {
        if (!('name' in definition) || !definition.name) continue;
        const type = definition.name.value;
        // The root types are containers; each of their fields is documented.
        const isRoot = type === 'Query' || type === 'Mutation' || type === 'Subscription';
        if (!isRoot && !('description' in definition && definition.description)) missing.push(`${name}: type ${type}`);
        const members = 'fields' in definition ? definition.fields : 'values' in definition ? definition.values : undefined;
        for (const member of members ?? []) {
          if (!member.description) missing.push(`${name}: ${type}.${member.name.value}`);
          for (const argument of 'arguments' in member ? (member.arguments ?? []) : []) {
            if (!argument.description) missing.push(`${name}: ${type}.${member.name.value}(${argument.name.value})`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('the release store in the repository', () => {
  it('has a manifest whose releases all have their schema files', () => {
    const store = new URL('../schema/releases/', import.meta.url).pathname;
    const { releases } = readManifest(store);
    expect(releases.length).toBeGreaterThan(0);
    for (const release of releases) expect(existsSync(join(store, release.schema)), release.schema).toBe(true);
    expect(existsSync(join(store, MANIFEST_FILE))).toBe(true);
  });
});

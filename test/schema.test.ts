import { generate } from '@graphql-codegen/cli';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import config from '../codegen.js';
import { ROUTES } from '../gateway/routing.js';
import { composeSupergraph, SUBGRAPHS, supergraphPath } from '../schema/compose.js';

const root = new URL('../', import.meta.url);

describe('schema material is never stale', () => {
  it('the composed supergraph in schema/ matches the subgraphs’ SDL (npm run compose)', () => {
    const result = composeSupergraph();
    expect('errors' in result ? result.errors : []).toEqual([]);
    if ('supergraphSdl' in result) expect(readFileSync(supergraphPath, 'utf8')).toBe(result.supergraphSdl);
  });

  it('the generated resolver types match the SDL (npm run codegen)', async () => {
    const previous = process.cwd();
    process.chdir(root.pathname);
    try {
      const outputs = await generate({ ...config, silent: true }, false);
      expect(outputs.length).toBe(SUBGRAPHS.length);
      for (const output of outputs) {
        expect(readFileSync(new URL(output.filename, root), 'utf8'), `${output.filename} is stale: run npm run codegen`).toBe(output.content);
      }
    } finally {
      process.chdir(previous);
    }
  }, 60_000);
});

describe('routing table', () => {
  it('routes every root field and every resolvable entity of every subgraph', () => {
    for (const name of SUBGRAPHS) {
      const sdl = parse(readFileSync(new URL(`subgraphs/${name}/schema.graphql`, root), 'utf8'));
      const types = sdl.definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION);
      for (const type of types) {
        if (type.name.value === 'Query' || type.name.value === 'Mutation') {
          for (const field of type.fields ?? []) {
            expect(ROUTES[name][type.name.value][field.name.value], `${name} ${type.name.value}.${field.name.value}`).toBeDefined();
          }
          continue;
        }
        const key = type.directives?.find((d) => d.name.value === 'key');
        const resolvable = key?.arguments?.find((a) => a.name.value === 'resolvable');
        if (!key || (resolvable?.value.kind === Kind.BOOLEAN && !resolvable.value.value)) continue;
        expect(ROUTES[name].entities[type.name.value], `${name} entity ${type.name.value}`).toBeDefined();
      }
    }
  });
});

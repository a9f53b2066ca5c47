import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { readFileSync } from 'node:fs';

/** The subgraphs every node serves, in the order the supergraph lists them. */
export const SUBGRAPHS = ['catalog', 'legal-entity', 'certificate'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

export const supergraphPath = new URL('./supergraph.graphql', import.meta.url);

/**
 * Composes the supergraph offline from the subgraphs' SDL files. A node serves each subgraph
 * at `<node url>/<name>`; the URL recorded here is that path, which the gateway's node-aware
 * data sources resolve per node.
 */
export function composeSupergraph(): { supergraphSdl: string } | { errors: string[] } {
  const result = composeServices(
    SUBGRAPHS.map((name) => ({
      name,
      url: `/${name}`,
      typeDefs: parse(readFileSync(new URL(`../subgraphs/${name}/schema.graphql`, import.meta.url), 'utf8')),
    })),
  );
  if (result.errors) return { errors: result.errors.map((error) => error.message) };
  return { supergraphSdl: result.supergraphSdl };
}

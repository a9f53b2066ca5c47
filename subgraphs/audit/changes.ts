/**
 * Which access records are changes: a change is recorded under the name of the mutation that
 * made it (`issueCertificate`, `recordInspectionDraw`, …), a read under the fields it returned
 * (`holderName`, `items.idNumber`, …), and no field of a read is named like a mutation. The
 * names are those of the node's own subgraphs' Mutation types, so a new mutation is a change
 * without anyone listing it here.
 */
import { Kind } from 'graphql';
import { loadTypeDefs } from '../kit/subgraph.js';

const SCHEMAS = ['../certificate/schema.graphql', '../catalog/schema.graphql', '../legal-entity/schema.graphql'];

function mutationNames(): string[] {
  const names = new Set<string>();
  for (const path of SCHEMAS) {
    for (const definition of loadTypeDefs(new URL(path, import.meta.url)).definitions) {
      if ((definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) && definition.name.value === 'Mutation') {
        for (const field of definition.fields ?? []) names.add(field.name.value);
      }
    }
  }
  return [...names].sort();
}

/** The names access records of changes carry in `fields`: every mutation of the node's subgraphs. */
export const CHANGE_NAMES: readonly string[] = mutationNames();

/** The access record field of an inspection draw (双随机), whose detail says how many were drawn. */
export const INSPECTION_DRAW = 'recordInspectionDraw';

import type { ApolloServerPlugin } from '@apollo/server';
import { valueFromASTUntyped, type FieldNode } from 'graphql';
import { caseNumberProblem } from '../lib/case-number.js';
import { matterCodeProblem } from '../lib/codes.js';
import { badInput } from '../lib/errors.js';
import type { GatewayContext } from './context.js';
import { collectFields, fragmentsOf } from './selections.js';

/**
 * Root fields whose arguments state the request's purpose (用证事由) and case number (办件号):
 * a 免提交 check reads for the matter it checks and the application it serves, whatever headers
 * came with it.
 */
const STATED_BY_ARGUMENTS: Readonly<Record<string, { purpose: string; caseNumber: string }>> = {
  checkMaterials: { purpose: 'matter', caseNumber: 'caseNumber' },
};

/** Root fields read for one purpose whatever the client states: supervision reads for SUPERVISION. */
const FIXED_PURPOSE: Readonly<Record<string, string>> = {
  supervisionFindings: 'SUPERVISION',
  recordInspectionDraw: 'SUPERVISION',
};

/**
 * Takes the purpose and the case number of an operation from the arguments of a root field
 * that states them (STATED_BY_ARGUMENTS), or the one purpose of a root field read for one
 * (FIXED_PURPOSE), before anything is fetched: the grants the nodes get
 * are then the agency's grants for that purpose, and every access record names it. A header
 * that says otherwise (X-Purpose, X-Case-Number), or two such fields that disagree, is a
 * BAD_USER_INPUT; an argument that is no matter code or case number is left to the nodes, which
 * refuse it naming the argument.
 */
export function purposeFromArguments<TContext extends GatewayContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, contextValue }) {
          if (!operation) return;
          const fields = collectFields(operation.selectionSet, fragmentsOf(document)) ?? [];
          const variables = request.variables ?? {};
          for (const field of fields) {
            const fixed = FIXED_PURPOSE[field.name.value];
            if (fixed !== undefined) {
              if (contextValue.purpose !== null && contextValue.purpose !== fixed) {
                throw badInput('X-Purpose', `${field.name.value} reads for ${fixed}, which the request's purpose ${JSON.stringify(contextValue.purpose)} contradicts`);
              }
              contextValue.purpose = fixed;
            }
            const stated = STATED_BY_ARGUMENTS[field.name.value];
            if (!stated) continue;
            const purpose = argument(field, stated.purpose, variables);
            if (typeof purpose === 'string' && matterCodeProblem(purpose) === null) {
              if (contextValue.purpose !== null && contextValue.purpose !== purpose) {
                throw badInput('X-Purpose', `${field.name.value} reads for ${purpose}, which the request's purpose ${JSON.stringify(contextValue.purpose)} contradicts`);
              }
              contextValue.purpose = purpose;
            }
            const caseNumber = argument(field, stated.caseNumber, variables);
            if (typeof caseNumber === 'string' && caseNumberProblem(caseNumber) === null) {
              const trimmed = caseNumber.trim();
              if (contextValue.caseNumber != null && contextValue.caseNumber !== trimmed) {
                throw badInput('X-Case-Number', `${field.name.value} serves case ${trimmed}, which the request's case number ${JSON.stringify(contextValue.caseNumber)} contradicts`);
              }
              contextValue.caseNumber = trimmed;
            }
          }
        },
      };
    },
  };
}

function argument(field: FieldNode, name: string, variables: Record<string, unknown>): unknown {
  const node = field.arguments?.find((candidate) => candidate.name.value === name);
  return node ? valueFromASTUntyped(node.value, variables) : undefined;
}

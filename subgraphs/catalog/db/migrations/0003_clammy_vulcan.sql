CREATE TABLE "catalog"."certificate_type_versions" (
	"type_code" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"defined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"defined_by" text,
	CONSTRAINT "certificate_type_versions_type_code_version_pk" PRIMARY KEY("type_code","version")
);
--> statement-breakpoint
ALTER TABLE "catalog"."certificate_types" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog"."certificate_type_versions" ADD CONSTRAINT "certificate_type_versions_type_code_certificate_types_code_fk" FOREIGN KEY ("type_code") REFERENCES "catalog"."certificate_types"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Types defined before versions were kept: their current definition becomes their version 1.
INSERT INTO "catalog"."certificate_type_versions" ("type_code", "version", "definition", "defined_at", "defined_by")
SELECT t."code", 1,
       jsonb_build_object(
         'name', t."name",
         'definingAuthority', t."defining_authority",
         'holderKind', t."holder_kind"::text,
         'sharing', t."sharing"::text,
         'validityYears', t."validity_years",
         'issuers', to_jsonb(t."issuers"),
         'items', coalesce(
           (SELECT jsonb_agg(jsonb_build_object('code', i."code", 'name', i."name", 'required', i."required", 'sensitive', i."sensitive") ORDER BY i."position")
              FROM "catalog"."item_definitions" i WHERE i."type_code" = t."code"),
           '[]'::jsonb)),
       t."updated_at", NULL
FROM "catalog"."certificate_types" t;

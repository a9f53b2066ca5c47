CREATE SCHEMA "catalog";
--> statement-breakpoint
CREATE TYPE "catalog"."holder_kind" AS ENUM('PERSON', 'ORGANIZATION');--> statement-breakpoint
CREATE TYPE "catalog"."sharing_level" AS ENUM('UNCONDITIONAL', 'CONDITIONAL', 'NOT_SHARED');--> statement-breakpoint
CREATE TABLE "catalog"."certificate_types" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"defining_authority" text NOT NULL,
	"holder_kind" "catalog"."holder_kind" NOT NULL,
	"sharing" "catalog"."sharing_level" NOT NULL,
	"validity_years" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog"."item_definitions" (
	"type_code" text NOT NULL,
	"position" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"required" boolean NOT NULL,
	"sensitive" boolean NOT NULL,
	CONSTRAINT "item_definitions_type_code_code_pk" PRIMARY KEY("type_code","code")
);
--> statement-breakpoint
ALTER TABLE "catalog"."item_definitions" ADD CONSTRAINT "item_definitions_type_code_certificate_types_code_fk" FOREIGN KEY ("type_code") REFERENCES "catalog"."certificate_types"("code") ON DELETE cascade ON UPDATE no action;
CREATE SCHEMA "legal_entity";
--> statement-breakpoint
CREATE TYPE "legal_entity"."entity_status" AS ENUM('ACTIVE', 'REVOKED', 'CANCELLED');--> statement-breakpoint
CREATE TABLE "legal_entity"."legal_entities" (
	"uscc" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"status" "legal_entity"."entity_status" DEFAULT 'ACTIVE' NOT NULL,
	"legal_representative" text NOT NULL,
	"legal_representative_id_number" text,
	"address" text NOT NULL,
	"business_scope" text,
	"established_on" date NOT NULL,
	"registered_by" text NOT NULL,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE "catalog"."permit_rules" (
	"code" text PRIMARY KEY NOT NULL,
	"activity" text NOT NULL,
	"keywords" text[] NOT NULL,
	"type_code" text NOT NULL,
	"note" text,
	"defined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"defined_by" text
);

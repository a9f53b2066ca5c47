CREATE TABLE "catalog"."matters" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"agency_code" text NOT NULL,
	"agency_name" text NOT NULL,
	"materials" jsonb NOT NULL,
	"defined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"defined_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "matters_by_agency" ON "catalog"."matters" USING btree ("agency_code","code" COLLATE "C");--> statement-breakpoint
CREATE INDEX "matters_by_code" ON "catalog"."matters" USING btree ("code" COLLATE "C");
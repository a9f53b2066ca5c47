CREATE TABLE "certificate"."seal_keys" (
	"key_id" text PRIMARY KEY NOT NULL,
	"issuer_code" text NOT NULL,
	"public_key" text NOT NULL,
	"private_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "certificate"."certificates" ADD COLUMN "seal_key_id" text;--> statement-breakpoint
ALTER TABLE "certificate"."certificates" ADD COLUMN "seal_signature" text;--> statement-breakpoint
CREATE UNIQUE INDEX "seal_keys_current_unique" ON "certificate"."seal_keys" USING btree ("issuer_code") WHERE retired_at IS NULL;--> statement-breakpoint
CREATE INDEX "seal_keys_issuer_idx" ON "certificate"."seal_keys" USING btree ("issuer_code","created_at");
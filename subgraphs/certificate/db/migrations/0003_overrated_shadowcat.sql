ALTER TABLE "certificate"."seal_keys" ALTER COLUMN "private_key" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "certificate"."certificates" ADD COLUMN "seal_salt" text;--> statement-breakpoint
ALTER TABLE "certificate"."certificates" ADD COLUMN "registrar_name" text;--> statement-breakpoint
ALTER TABLE "certificate"."seal_keys" ADD COLUMN "encrypted_private_key" text;--> statement-breakpoint
CREATE INDEX "certificates_external_by_issuer_idx" ON "certificate"."certificates" USING btree ("issuer_code","created_at") WHERE origin = 'EXTERNAL';
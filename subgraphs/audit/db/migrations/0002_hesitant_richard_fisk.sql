DROP INDEX "audit"."access_records_holder_idx";--> statement-breakpoint
DROP INDEX "audit"."access_records_certificate_idx";--> statement-breakpoint
ALTER TABLE "audit"."access_records" ADD COLUMN "actor_name" text;--> statement-breakpoint
CREATE INDEX "access_records_node_at_idx" ON "audit"."access_records" USING btree ("node","at","seq");--> statement-breakpoint
CREATE INDEX "access_records_holder_idx" ON "audit"."access_records" USING btree ("holder_code","at","seq");--> statement-breakpoint
CREATE INDEX "access_records_certificate_idx" ON "audit"."access_records" USING btree ("certificate_id","at","seq");
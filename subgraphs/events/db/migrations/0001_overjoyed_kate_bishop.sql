ALTER TABLE "events"."events" ADD COLUMN "causes" text[];--> statement-breakpoint
CREATE INDEX "events_registry_causes_idx" ON "events"."events" USING btree ("seq") WHERE causes IS NOT NULL;
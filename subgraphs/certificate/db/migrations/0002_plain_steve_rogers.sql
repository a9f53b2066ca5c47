CREATE TABLE "certificate"."scans" (
	"certificate_id" text PRIMARY KEY NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	CONSTRAINT "scans_size_limit" CHECK (size = octet_length(content) AND size <= 10485760)
);
--> statement-breakpoint
ALTER TABLE "certificate"."certificates" ADD COLUMN "scan_digest" text;--> statement-breakpoint
ALTER TABLE "certificate"."scans" ADD CONSTRAINT "scans_certificate_fk" FOREIGN KEY ("certificate_id") REFERENCES "certificate"."certificates"("id") ON DELETE cascade ON UPDATE no action;
CREATE TABLE "catalog"."consent_certificates" (
	"consent_seq" bigint NOT NULL,
	"position" integer NOT NULL,
	"certificate_id" text NOT NULL,
	"chain" text NOT NULL,
	CONSTRAINT "consent_certificates_consent_seq_position_pk" PRIMARY KEY("consent_seq","position")
);
--> statement-breakpoint
CREATE TABLE "catalog"."consents" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"holder_code" text NOT NULL,
	"holder_kind" "catalog"."holder_kind" NOT NULL,
	"agency" text NOT NULL,
	"matter" text NOT NULL,
	"case_number" text,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" text
);
--> statement-breakpoint
ALTER TABLE "catalog"."consent_certificates" ADD CONSTRAINT "consent_certificates_consent_seq_consents_seq_fk" FOREIGN KEY ("consent_seq") REFERENCES "catalog"."consents"("seq") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_certificates_by_chain" ON "catalog"."consent_certificates" USING btree ("chain","consent_seq");--> statement-breakpoint
CREATE INDEX "consents_live_by_agency_matter" ON "catalog"."consents" USING btree ("agency","matter") WHERE "catalog"."consents"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "consents_by_holder" ON "catalog"."consents" USING btree ("holder_code","granted_at","seq");
CREATE TABLE "certificate"."material_check_counts" (
	"matter_code" text NOT NULL,
	"day" date NOT NULL,
	"certificate_type" text NOT NULL,
	"outcome" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "material_check_counts_matter_code_day_certificate_type_outcome_pk" PRIMARY KEY("matter_code","day","certificate_type","outcome")
);
--> statement-breakpoint
CREATE TABLE "certificate"."matter_check_counts" (
	"matter_code" text NOT NULL,
	"day" date NOT NULL,
	"checks" integer NOT NULL,
	"all_paperless" integer NOT NULL,
	CONSTRAINT "matter_check_counts_matter_code_day_pk" PRIMARY KEY("matter_code","day")
);

CREATE TABLE "catalog"."targets" (
	"agency" text NOT NULL,
	"metric" text NOT NULL,
	"period" text NOT NULL,
	"value" double precision NOT NULL,
	"agency_name" text,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	"set_by" text NOT NULL,
	CONSTRAINT "targets_agency_metric_period_pk" PRIMARY KEY("agency","metric","period")
);

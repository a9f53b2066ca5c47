CREATE SCHEMA "certificate";
--> statement-breakpoint
CREATE TYPE "certificate"."certificate_origin" AS ENUM('ISSUED', 'CONVERTED', 'EXTERNAL');--> statement-breakpoint
CREATE TYPE "certificate"."certificate_status" AS ENUM('VALID', 'SUSPENDED', 'EXPIRED', 'REVOKED', 'WITHDRAWN', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "certificate"."holder_kind" AS ENUM('PERSON', 'ORGANIZATION');--> statement-breakpoint
CREATE TABLE "certificate"."certificate_items" (
	"certificate_id" text NOT NULL,
	"position" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "certificate_items_certificate_id_code_pk" PRIMARY KEY("certificate_id","code")
);
--> statement-breakpoint
CREATE TABLE "certificate"."certificates" (
	"id" text PRIMARY KEY NOT NULL,
	"type_code" text NOT NULL,
	"type_name" text NOT NULL,
	"number" text NOT NULL,
	"holder_kind" "certificate"."holder_kind" NOT NULL,
	"holder_code" text NOT NULL,
	"holder_name" text NOT NULL,
	"issuer_code" text NOT NULL,
	"issuer_name" text NOT NULL,
	"issued_on" date NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"status" "certificate"."certificate_status" NOT NULL,
	"origin" "certificate"."certificate_origin" NOT NULL,
	"serial" text NOT NULL,
	"version" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificates_type_issuer_number_unique" UNIQUE("type_code","issuer_code","number"),
	CONSTRAINT "certificates_status_stored" CHECK (status <> 'EXPIRED')
);
--> statement-breakpoint
CREATE TABLE "certificate"."issuer_serials" (
	"issuer_code" text PRIMARY KEY NOT NULL,
	"last_serial" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificate"."status_changes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "certificate"."status_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"certificate_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"from_status" "certificate"."certificate_status",
	"to_status" "certificate"."certificate_status" NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "certificate"."certificate_items" ADD CONSTRAINT "certificate_items_certificate_fk" FOREIGN KEY ("certificate_id") REFERENCES "certificate"."certificates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate"."status_changes" ADD CONSTRAINT "status_changes_certificate_fk" FOREIGN KEY ("certificate_id") REFERENCES "certificate"."certificates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certificates_list_order_idx" ON "certificate"."certificates" USING btree ("issued_on" DESC NULLS FIRST,"id" COLLATE "C");--> statement-breakpoint
CREATE INDEX "certificates_holder_idx" ON "certificate"."certificates" USING btree ("holder_code","issued_on" DESC NULLS FIRST,"id" COLLATE "C");--> statement-breakpoint
CREATE INDEX "certificates_type_idx" ON "certificate"."certificates" USING btree ("type_code");--> statement-breakpoint
CREATE INDEX "status_changes_certificate_idx" ON "certificate"."status_changes" USING btree ("certificate_id","at","id");
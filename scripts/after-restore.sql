-- Run once on a node's database restored from a backup, before the node serves from it
-- (README › Operating the hub › Backup and restore):
--   psql -v ON_ERROR_STOP=1 --dbname URL --file scripts/after-restore.sql
--
-- After the backup was taken the node handed out identifiers that the restored database does not
-- know: 证照标识 (each issuer's serial counter), event ids ({node}-{seq}; other nodes read this
-- node's registry changes after the last seq they saw, webhook receivers drop an id they have
-- seen), ids of error reports, follow-ups, consents and deliveries. Left as they are, the next
-- certificate would carry the 证照标识 of one issued after the backup, which its holder may
-- already hold. So every counter moves a billion past where the backup left it: more than a node
-- hands out between two backups, converting its paper stock included. The gaps are harmless (a
-- batch that fails leaves one too). Run it twice and they move twice: harmless as well.
--
-- The access log's sequence (schema audit) is not moved: its next record must follow the restored
-- head, so that the province's anchors of the records lost since the backup keep showing the loss.
BEGIN;
UPDATE certificate.issuer_serials SET last_serial = last_serial + 1000000000;
SELECT setval(format('%I.%I', schemaname, sequencename)::regclass, coalesce(last_value, 0) + 1000000000) AS moved_to, schemaname, sequencename
  FROM pg_catalog.pg_sequences
 WHERE schemaname IN ('catalog', 'certificate', 'events');
COMMIT;

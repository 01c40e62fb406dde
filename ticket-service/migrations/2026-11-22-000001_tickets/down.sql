DROP TABLE idempotency_keys;
DROP TABLE attachments;
DROP TABLE tickets;
DROP SEQUENCE ticket_number_seq;

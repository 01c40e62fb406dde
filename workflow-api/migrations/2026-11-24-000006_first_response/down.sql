ALTER TABLE tasks DROP COLUMN first_response_at;

-- The first public reply by staff on the ticket (reported by messaging), for the first-response
-- target beside the resolution target.
ALTER TABLE tasks ADD COLUMN first_response_at TIMESTAMPTZ;

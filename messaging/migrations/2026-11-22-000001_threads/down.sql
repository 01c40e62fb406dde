DROP TABLE presence;
DROP TABLE thread_events;
DROP TABLE comment_attachments;
DROP TABLE ratings;
DROP TABLE comments;
DROP TABLE threads;

DROP TABLE email_log;
DROP TABLE preferences;
DROP TABLE notifications;
DROP TABLE user_directory;

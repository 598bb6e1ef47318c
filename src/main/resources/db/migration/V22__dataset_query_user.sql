-- Who made an app's search: the run's sys.user_id (Service API users are strings up to 255 characters) and its role.
ALTER TABLE dataset_query ALTER COLUMN created_by SET DATA TYPE VARCHAR(255);
ALTER TABLE dataset_query ADD COLUMN created_by_role VARCHAR(16);
UPDATE dataset_query SET created_by_role = 'account' WHERE created_by IS NOT NULL;

-- Team roles for a shared Accord database on PostgreSQL. Run once as a superuser (or a role
-- with CREATEROLE and CREATEDB), with psql variables for the names and passwords:
--
--   psql -d postgres -v db=accord -v owner_password=… -v editor_password=… \
--        -v reader_password=… -f docs/postgres-roles.sql
--
-- accord_owner   owns the database and its tables: runs migrations (the first `accord`
--                command after an upgrade; it alone may write the migration log) and may
--                delete.
-- accord_editor  add, update, edit, import: inserts and updates rows, never deletes them;
--                the history's trigger refuses any change to an entry (append-only).
-- accord_reader  reports and exports only: SELECT, in read-only snapshots.
--
-- A role that tries what it may not gets one line from accord, exit code 77.

\set ON_ERROR_STOP on

CREATE ROLE accord_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE accord_editor LOGIN PASSWORD :'editor_password';
CREATE ROLE accord_reader LOGIN PASSWORD :'reader_password';
CREATE DATABASE :"db" OWNER accord_owner;

\connect :"db"
-- Only the owner creates objects; the others connect and use them.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO accord_owner;
GRANT USAGE ON SCHEMA public TO accord_editor, accord_reader;
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO accord_owner, accord_editor;
GRANT CONNECT ON DATABASE :"db" TO accord_reader;

SET ROLE accord_owner;
-- The migration log, made here (as Accord would make it) so that it gets none of the editor's
-- rights below: only the owner records migrations; the others may only read which ran.
CREATE TABLE accord_migrations (name text COLLATE "C" PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
GRANT SELECT ON accord_migrations TO accord_editor, accord_reader;

-- Rights on the tables the owner's migrations create later.
ALTER DEFAULT PRIVILEGES FOR ROLE accord_owner IN SCHEMA public
    GRANT SELECT ON TABLES TO accord_reader;
-- The editor may insert and update rows, never delete them; the history's trigger refuses
-- every UPDATE of an entry, whoever asks, so it stays append-only.
ALTER DEFAULT PRIVILEGES FOR ROLE accord_owner IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE ON TABLES TO accord_editor;
ALTER DEFAULT PRIVILEGES FOR ROLE accord_owner IN SCHEMA public
    GRANT USAGE ON SEQUENCES TO accord_editor;
RESET ROLE;

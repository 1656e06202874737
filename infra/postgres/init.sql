-- Tutti's role and one database per service (ARCHITECTURE.md §2). Safe to run any number of times.
--
-- Runs as a PostgreSQL superuser, either from docker-entrypoint-initdb.d on a fresh data directory
-- or from ./tutti through psql. The role's name and password default to tutti/tutti; the launcher
-- passes its own with `psql -v tutti_user=... -v tutti_password=...`.

\set ON_ERROR_STOP on

\if :{?tutti_user}
\else
  \set tutti_user tutti
\endif
\if :{?tutti_password}
\else
  \set tutti_password tutti
\endif

-- CREATEDB: service tests create their own databases beside the running system's.
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', :'tutti_user', :'tutti_password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'tutti_user')
\gexec

SELECT format('ALTER ROLE %I LOGIN CREATEDB', :'tutti_user')
\gexec

-- CREATE DATABASE cannot run inside a function or DO block, hence \gexec.
SELECT format('CREATE DATABASE %I OWNER %I', name, :'tutti_user')
FROM unnest(ARRAY['tutti_connectors', 'tutti_conversations', 'tutti_profiles', 'tutti_attribution']) AS name
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = name)
\gexec

-- A database a superuser made by hand before this script goes to the service role, whose
-- migrations create the tables in it; a database owned by another ordinary role is left alone.
SELECT format('ALTER DATABASE %I OWNER TO %I', d.datname, :'tutti_user')
FROM pg_database d JOIN pg_roles owner ON owner.oid = d.datdba
WHERE d.datname IN ('tutti_connectors', 'tutti_conversations', 'tutti_profiles', 'tutti_attribution')
  AND owner.rolsuper AND owner.rolname <> :'tutti_user'
\gexec

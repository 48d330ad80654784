-- 007_session_rows.sql: a session's rows are written without a statement
-- journal, and results is one B-tree again, for the speed of ingest
-- (docs/PERFORMANCE.md).
--
-- ingest writes a session's results, committee, contracts and auditors'
-- ratings with INSERTs of up to 32 rows each.  SQLite gives a statement a
-- journal of its own, so that a failure half-way through undoes only that
-- statement, whenever the statement writes several rows and may stop
-- half-way: when it checks an immediate foreign key row by row, or calls a
-- function (the GLOB of results' check).  The journal copies every page
-- the statement touches first, 16 kB a page, once per statement: an eighth
-- of ingest's instructions.  ingest does not need it, since a file that
-- fails is rolled back whole.
--
-- So the four tables below keep every column, check, key and row, with
-- these changes:
--   * their foreign key to sessions is DEFERRABLE INITIALLY DEFERRED: it
--     is still enforced, but at the end of the transaction (a lone INSERT
--     outside a transaction is its own transaction, so it is refused as
--     before).  ON DELETE CASCADE acts at once, as before;
--   * results' check that a common item has no contract reference says
--     "item starts with C" with comparisons instead of GLOB 'C*': the same
--     test for any text, and no function call;
--   * results is a WITHOUT ROWID table keyed on (session, item, ref) again,
--     as 001 made it, and the covering index results_rating of 005 is gone:
--     the table's own B-tree is in that order and holds the rating, so
--     analyze and trend read it alone, in session order, as they read the
--     index before.  006 had made results a rowid table because its long
--     rows were slow to insert beside the index results_item; with 16 kB
--     pages and no secondary index, one B-tree takes a million results in
--     1.35 s against 2.14 s for the rowid table with its key index and
--     results_rating (INSERT ... SELECT, 1.93 s against 2.56 s with 4 kB
--     pages), and the database is 80 MB against 145 MB.
-- The findings view names results, so it is dropped and made again as 006
-- made it.

DROP VIEW findings;

CREATE TABLE results_007 (
    session        TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE
                   DEFERRABLE INITIALLY DEFERRED,
    item           TEXT NOT NULL,
    ref            TEXT NOT NULL DEFAULT '',   -- '' for a common item
    rating         TEXT NOT NULL
                   CHECK (rating = 'compliant' OR rating = 'partial' OR
                          rating = 'noncompliant' OR rating = 'na'),
    finding        TEXT NOT NULL DEFAULT '',   -- 發現事項
    recommendation TEXT NOT NULL DEFAULT '',   -- 建議 (改善精進措施)
    PRIMARY KEY (session, item, ref),
    CHECK (rating IN ('compliant', 'na') OR finding <> ''),
    CHECK ((item >= 'C' AND item < 'D') = (ref = ''))
) WITHOUT ROWID;
INSERT INTO results_007 (session, item, ref, rating, finding, recommendation)
    SELECT session, item, ref, rating, finding, recommendation FROM results
    ORDER BY session, item, ref;
DROP TABLE results;
ALTER TABLE results_007 RENAME TO results;

-- A finding's id (SPEC Appendix A): 115-07-C01, 115-07-S03-K1.
CREATE VIEW findings AS
SELECT r.session || '-' || r.item || CASE r.ref WHEN '' THEN '' ELSE '-' || r.ref END AS id,
       s.year, s.id AS session, s.taxid, s.date, r.item, r.ref, r.rating,
       r.finding, r.recommendation
FROM results r JOIN sessions s ON s.id = r.session
WHERE r.rating IN ('partial', 'noncompliant');

CREATE TABLE auditor_ratings_007 (
    session     TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE
                DEFERRABLE INITIALLY DEFERRED,
    auditor     TEXT NOT NULL CHECK (auditor <> ''),
    item        TEXT NOT NULL,
    ref         TEXT NOT NULL DEFAULT '',
    rating      TEXT NOT NULL
                CHECK (rating = 'compliant' OR rating = 'partial' OR
                       rating = 'noncompliant' OR rating = 'na'),
    PRIMARY KEY (session, auditor, item, ref)
) WITHOUT ROWID;
INSERT INTO auditor_ratings_007 (session, auditor, item, ref, rating)
    SELECT session, auditor, item, ref, rating FROM auditor_ratings;
DROP TABLE auditor_ratings;
ALTER TABLE auditor_ratings_007 RENAME TO auditor_ratings;

-- The 3 to 5 members of a session's committee (seed §9(二)); keys as 004.
CREATE TABLE session_members_007 (
    session     TEXT    NOT NULL REFERENCES sessions(id) ON DELETE CASCADE
                DEFERRABLE INITIALLY DEFERRED,
    seq         INTEGER NOT NULL CHECK (seq BETWEEN 1 AND 5),
    name        TEXT    NOT NULL CHECK (name <> ''),
    PRIMARY KEY (session, seq),
    UNIQUE (session, name)
) WITHOUT ROWID;
INSERT INTO session_members_007 (session, seq, name)
    SELECT session, seq, name FROM session_members;
DROP TABLE session_members;
ALTER TABLE session_members_007 RENAME TO session_members;

-- The contracts sampled in a session (announced two weeks before, seed §8).
CREATE TABLE session_contracts_007 (
    session     TEXT    NOT NULL REFERENCES sessions(id) ON DELETE CASCADE
                DEFERRABLE INITIALLY DEFERRED,
    ref         TEXT    NOT NULL CHECK (ref <> ''),        -- "K1"
    agency      TEXT    NOT NULL CHECK (agency <> ''),
    contract    TEXT    NOT NULL CHECK (contract <> ''),
    system      TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (session, ref)
) WITHOUT ROWID;
INSERT INTO session_contracts_007 (session, ref, agency, contract, system)
    SELECT session, ref, agency, contract, system FROM session_contracts;
DROP TABLE session_contracts;
ALTER TABLE session_contracts_007 RENAME TO session_contracts;
